using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using OneWindow.Hosting.Durable;
using Xunit;

namespace OneWindow.Hosting.Tests.Durable;

/// <summary>The engine in-process over Azurite: the client's Durable Functions rules and the worker's behaviour.</summary>
public sealed class EngineClientTests
{
    [Fact]
    public async Task A_running_id_cannot_be_started_again_but_a_finished_one_runs_a_new_execution()
    {
        await using var host = await EngineHost.StartAsync(EngineHost.NewHub());
        const string id = "dedupe";
        await host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.WaitForGo, "first", new StartOrchestrationOptions(id));
        await host.RunningAsync(id);

        await Assert.ThrowsAsync<InstanceAlreadyExistsException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.WaitForGo, "again", new StartOrchestrationOptions(id)));

        await host.Client.RaiseEventAsync(id, EngineOrchestrations.Go, "one");
        var first = await host.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, first.RuntimeStatus);
        Assert.Equal("first:one", first.ReadOutputAs<string>());
        var firstExecution = await ExecutionIdAsync(host, id);

        await host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.WaitForGo, "second", new StartOrchestrationOptions(id));
        var running = await host.UntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        Assert.Equal("second", running.ReadInputAs<string>());
        Assert.NotEqual(firstExecution, await ExecutionIdAsync(host, id));
        await host.Client.RaiseEventAsync(id, EngineOrchestrations.Go, "two");
        var second = await host.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, second.RuntimeStatus);
        Assert.Equal("second:two", second.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Events_to_a_missing_id_or_a_finished_instance_are_refused_and_to_a_running_one_delivered()
    {
        await using var host = await EngineHost.StartAsync(EngineHost.NewHub());
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => host.Client.RaiseEventAsync("never-started", EngineOrchestrations.Go, "x"));

        const string id = "events";
        await host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.WaitForGo, "in", new StartOrchestrationOptions(id));
        await host.RunningAsync(id);
        await host.Client.RaiseEventAsync(id, EngineOrchestrations.Go, "delivered");
        var done = await host.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("in:delivered", done.ReadOutputAs<string>());

        var late = await Assert.ThrowsAsync<InstanceNotRunningException>(() => host.Client.RaiseEventAsync(id, EngineOrchestrations.Go, "late"));
        Assert.Equal("Completed", late.Status);
    }

    [Fact]
    public async Task An_event_for_a_pending_instance_waits_until_it_has_started_and_is_not_discarded()
    {
        await using var host = await EngineHost.StartAsync(EngineHost.NewHub());

        // Pending for 3 s: its start message is invisible until then, so an event sent at once would be dequeued first and
        // discarded by the provider ("No such instance": no ExecutionStarted in the history), and the instance would wait forever.
        const string id = "pending";
        await host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.WaitForGo, "in", new StartOrchestrationOptions(id, DateTimeOffset.UtcNow.AddSeconds(3)));
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        await host.Client.RaiseEventAsync(id, EngineOrchestrations.Go, "early");
        Assert.NotEqual(OrchestrationRuntimeStatus.Pending, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        var done = await host.CompletionAsync(id);
        Assert.Equal("in:early", done.ReadOutputAs<string>());

        // One that does not start within the client's wait: refused, nothing sent.
        var impatient = new TaskHubDurableTaskClient(host.Get<DurableTask.AzureStorage.AzureStorageOrchestrationService>(), host.Get<DataConverter>(), host.Get<DurableTaskHostOptions>()) { PendingStartWait = TimeSpan.FromSeconds(1) };
        await host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.WaitForGo, "later", new StartOrchestrationOptions("later", DateTimeOffset.UtcNow.AddMinutes(5)));
        var refused = await Assert.ThrowsAsync<InstanceNotStartedException>(() => impatient.RaiseEventAsync("later", EngineOrchestrations.Go, "x"));
        Assert.Equal("later", refused.InstanceId);
    }

    [Fact]
    public async Task A_custom_status_over_16_KB_fails_the_instance_and_15_KB_is_fine()
    {
        await using var host = await EngineHost.StartAsync(EngineHost.NewHub());
        await host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.CustomStatus, 15 * 1024, new StartOrchestrationOptions("small"));
        await host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.CustomStatus, 17 * 1024, new StartOrchestrationOptions("large"));

        var small = await host.CompletionAsync("small");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, small.RuntimeStatus);
        Assert.Equal(15 * 1024, small.ReadOutputAs<int>());
        Assert.Equal(15 * 1024, small.ReadCustomStatusAs<string>()!.Length);

        var large = await host.CompletionAsync("large");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, large.RuntimeStatus);
        Assert.NotNull(large.FailureDetails);
        Assert.Equal("CustomStatusTooLarge", large.FailureDetails.ErrorType);
        Assert.Contains("custom status", large.FailureDetails.ErrorMessage, StringComparison.OrdinalIgnoreCase);

        // A query reads no history: the details come from the failure's text in the output.
        var failed = await EngineHost.ListAsync(host.Client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Failed] }));
        var listed = Assert.Single(failed);
        Assert.Equal("large", listed.InstanceId);
        Assert.Equal("CustomStatusTooLarge", listed.FailureDetails?.ErrorType);
    }

    [Fact]
    public async Task A_record_round_trips_camelCase_through_client_orchestration_and_activity()
    {
        await using var host = await EngineHost.StartAsync(EngineHost.NewHub());
        var input = new EngineRecord("Ana Pérez", 2, new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)), ["client"]);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.RoundTrip, input);
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var output = done.ReadOutputAs<EngineRecord>()!;
        Assert.Equal(input.CustomerName, output.CustomerName);
        Assert.Equal(3, output.VisitCount);
        Assert.Equal(input.SeenAt, output.SeenAt);
        Assert.Equal(["client", "activity"], output.Tags);

        // System.Text.Json with web defaults on both sides: camelCase names, no PascalCase ones.
        foreach (var json in new[] { done.SerializedInput!, done.SerializedOutput! })
        {
            using var document = JsonDocument.Parse(json);
            var names = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(["customerName", "visitCount", "seenAt", "tags"], names);
        }

        Assert.Equal(input, done.ReadInputAs<EngineRecord>()! with { Tags = input.Tags });
    }

    [Fact]
    public async Task Parent_is_the_calling_instance_in_a_sub_orchestration_and_null_at_the_top()
    {
        await using var host = await EngineHost.StartAsync(EngineHost.NewHub());
        await host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.Parent, null, new StartOrchestrationOptions("top"));
        await host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.Child, null, new StartOrchestrationOptions("alone"));

        var top = await host.CompletionAsync("top");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, top.RuntimeStatus);
        var report = top.ReadOutputAs<ParentReport>()!;
        Assert.Equal("none", report.OwnParent);
        Assert.Equal(EngineOrchestrations.Parent + "/top", report.ChildParent);

        var alone = await host.CompletionAsync("alone");
        Assert.Equal("none", alone.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Two_engines_in_one_process_have_different_worker_ids()
    {
        var hub = EngineHost.NewHub();
        await using var first = await EngineHost.CreateAsync(hub);
        await using var second = await EngineHost.CreateAsync(hub);
        Assert.NotEqual(first.Engine.WorkerId, second.Engine.WorkerId);
        Assert.Equal(first.Engine.TaskHubName, second.Engine.TaskHubName);
    }

    private static async Task<string> ExecutionIdAsync(EngineHost host, string id)
    {
        var history = await host.Client.GetOrchestrationHistoryAsync(id);
        return history.OfType<DurableTask.Core.History.ExecutionStartedEvent>().Single().OrchestrationInstance.ExecutionId;
    }
}
