using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit;

namespace OneWindow.Hosting.Tests.Durable;

/// <summary>The client's management members: suspend/resume, terminate, purge, queries and history.</summary>
public sealed class EngineManagementTests
{
    [Fact]
    public async Task A_suspended_instance_keeps_an_event_unprocessed_until_resumed()
    {
        await using var host = await EngineHost.StartAsync(EngineHost.NewHub());
        const string id = "suspended";
        await host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.WaitForGo, "in", new StartOrchestrationOptions(id));
        await host.RunningAsync(id);

        await host.Client.SuspendInstanceAsync(id, "hold");
        await host.UntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);
        await host.Client.RaiseEventAsync(id, EngineOrchestrations.Go, "while suspended");

        // Once the engine has recorded the event, the instance is still suspended: the event waits.
        await host.HistoryUntilAsync(id, h => h.OfType<EventRaisedEvent>().Any());
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        await host.Client.ResumeInstanceAsync(id, "go on");
        var done = await host.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("in:while suspended", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_terminated_instance_is_Terminated_with_the_given_output()
    {
        await using var host = await EngineHost.StartAsync(EngineHost.NewHub());
        const string id = "terminated";
        await host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.WaitForGo, "in", new StartOrchestrationOptions(id));
        await host.RunningAsync(id);

        await host.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions { Output = "stopped" });
        var done = await host.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("stopped", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task History_lists_the_events_in_order_and_leads_to_the_child_and_a_recursive_purge_removes_both()
    {
        await using var host = await EngineHost.StartAsync(EngineHost.NewHub());
        const string id = "tree";
        await host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.Tree, null, new StartOrchestrationOptions(id));
        await host.HistoryUntilAsync(id, h => h.OfType<SubOrchestrationInstanceCompletedEvent>().Any());
        await host.Client.RaiseEventAsync(id, EngineOrchestrations.Go, "done");
        var done = await host.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("echo leaf|" + EngineOrchestrations.Tree + "/tree|done", done.ReadOutputAs<string>());

        var history = await host.Client.GetOrchestrationHistoryAsync(id);
        var kinds = history.Select(e => e.EventType).ToList();
        int At(EventType kind) => kinds.IndexOf(kind);
        Assert.Equal(EventType.ExecutionStarted, history.First(e => e.EventType is not EventType.OrchestratorStarted).EventType);
        Assert.True(At(EventType.ExecutionStarted) < At(EventType.TaskScheduled), string.Join(",", kinds));
        Assert.True(At(EventType.TaskScheduled) < At(EventType.TaskCompleted), string.Join(",", kinds));
        Assert.True(At(EventType.TaskCompleted) < At(EventType.SubOrchestrationInstanceCreated), string.Join(",", kinds));
        Assert.True(At(EventType.SubOrchestrationInstanceCreated) < At(EventType.SubOrchestrationInstanceCompleted), string.Join(",", kinds));
        Assert.True(At(EventType.SubOrchestrationInstanceCompleted) < At(EventType.EventRaised), string.Join(",", kinds));
        Assert.True(At(EventType.EventRaised) < At(EventType.ExecutionCompleted), string.Join(",", kinds));
        Assert.Equal(EngineOrchestrations.Tree, history.OfType<ExecutionStartedEvent>().Single().Name);
        Assert.Equal(EngineActivities.Echo, history.OfType<TaskScheduledEvent>().Single().Name);
        Assert.Equal(EngineOrchestrations.Go, history.OfType<EventRaisedEvent>().Single().Name);
        Assert.Equal("done", Assert.IsType<EventRaisedEvent>(history[At(EventType.EventRaised)]).Input?.Trim('"'));
        Assert.DoesNotContain(history, e => e is GenericEvent);

        var created = history.OfType<SubOrchestrationInstanceCreatedEvent>().Single();
        Assert.Equal(EngineOrchestrations.Child, created.Name);
        var childHistory = await host.Client.GetOrchestrationHistoryAsync(created.InstanceId);
        var childStart = childHistory.OfType<ExecutionStartedEvent>().Single();
        Assert.Equal(EngineOrchestrations.Child, childStart.Name);
        Assert.Equal(id, childStart.ParentInstance?.OrchestrationInstance.InstanceId);
        Assert.Contains(childHistory, e => e is ExecutionCompletedEvent);

        var purged = await host.Client.PurgeInstanceAsync(id, new PurgeInstanceOptions(Recursive: true));
        Assert.Equal(2, purged.PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(id));
        Assert.Null(await host.Client.GetInstanceAsync(created.InstanceId));
    }

    [Fact]
    public async Task A_query_by_status_lists_only_instances_in_that_status()
    {
        await using var host = await EngineHost.StartAsync(EngineHost.NewHub());
        await host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.WaitForGo, "a", new StartOrchestrationOptions("waiting"));
        await host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.Child, null, new StartOrchestrationOptions("finished"));
        await host.RunningAsync("waiting");
        await host.CompletionAsync("finished");

        var running = await EngineHost.ListAsync(host.Client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running] }));
        Assert.Equal(["waiting"], running.Select(m => m.InstanceId));
        var completed = await EngineHost.ListAsync(host.Client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed] }));
        Assert.Equal(["finished"], completed.Select(m => m.InstanceId));
        var all = await EngineHost.ListAsync(host.Client.GetAllInstancesAsync(new OrchestrationQuery()));
        Assert.Equal(["finished", "waiting"], all.Select(m => m.InstanceId).Order(StringComparer.Ordinal));
    }
}
