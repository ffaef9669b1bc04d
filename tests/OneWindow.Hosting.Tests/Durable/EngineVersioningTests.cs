using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit;

namespace OneWindow.Hosting.Tests.Durable;

/// <summary>host.json defaultVersion / versionMatchStrategy / versionFailureStrategy, as Durable Functions applies them.</summary>
public sealed class EngineVersioningTests
{
    private static Dictionary<string, string?> Versioning(string version, string match = "CurrentOrOlder", string failure = "Reject", int partitions = 2) => new()
    {
        ["extensions:durableTask:storageProvider:partitionCount"] = partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["extensions:durableTask:defaultVersion"] = version,
        ["extensions:durableTask:versionMatchStrategy"] = match,
        ["extensions:durableTask:versionFailureStrategy"] = failure,
    };

    [Fact]
    public async Task A_v1_instance_finishes_on_its_branch_under_a_v2_host_and_new_instances_are_v2()
    {
        var hub = EngineHost.NewHub();
        await using (var a = await EngineHost.StartAsync(hub, Versioning("1.0")))
        {
            await a.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.Versioned, null, new StartOrchestrationOptions("old"));
            await a.RunningAsync("old");
            await a.StopAsync();
        }

        await using var b = await EngineHost.StartAsync(hub, Versioning("2.0"));
        await b.Client.RaiseEventAsync("old", EngineOrchestrations.Go, "now");
        var old = await b.CompletionAsync("old");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, old.RuntimeStatus);
        Assert.Equal("v1 branch:echo 1.0", old.ReadOutputAs<string>());

        await b.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.Versioned, null, new StartOrchestrationOptions("new"));
        await b.RunningAsync("new");
        await b.Client.RaiseEventAsync("new", EngineOrchestrations.Go, "now");
        var fresh = await b.CompletionAsync("new");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, fresh.RuntimeStatus);
        Assert.Equal("v2 branch:echo 2.0", fresh.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_strict_v1_host_that_fails_mismatches_fails_a_v2_instance_with_a_version_error()
    {
        await using var host = await EngineHost.StartAsync(EngineHost.NewHub(), Versioning("1.0", "Strict", "Fail"));
        await host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.WaitForGo, "x", new StartOrchestrationOptions("v2") { Version = "2.0" });
        var v2 = await host.CompletionAsync("v2");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, v2.RuntimeStatus);
        Assert.NotNull(v2.FailureDetails);
        Assert.Contains("version", v2.FailureDetails.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("2.0", v2.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_current_or_older_v1_host_that_rejects_leaves_a_v2_instance_pending_while_it_runs_v1()
    {
        await using var host = await EngineHost.StartAsync(EngineHost.NewHub(), Versioning("1.0", "CurrentOrOlder", "Reject", partitions: 1));

        // One control queue: the v1 instance's start comes after the v2 one's, so v1 finishing means v2 was seen.
        await host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.CustomStatus, 1, new StartOrchestrationOptions("v2") { Version = "2.0" });
        await host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.CustomStatus, 1, new StartOrchestrationOptions("v1") { Version = "1.0" });
        var v1 = await host.CompletionAsync("v1");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, v1.RuntimeStatus);

        var v2 = await host.Client.GetInstanceAsync("v2");
        Assert.Equal(OrchestrationRuntimeStatus.Pending, v2!.RuntimeStatus);
    }

    [Fact]
    public async Task A_strict_v1_host_that_rejects_runs_a_v2_instance_once_a_v2_host_takes_over()
    {
        var hub = EngineHost.NewHub();
        await using (var v1Host = await EngineHost.StartAsync(hub, Versioning("1.0", "Strict", "Reject", partitions: 1)))
        {
            await v1Host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.CustomStatus, 1, new StartOrchestrationOptions("v2") { Version = "2.0" });
            await v1Host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.CustomStatus, 1, new StartOrchestrationOptions("v1") { Version = "1.0" });
            Assert.Equal(OrchestrationRuntimeStatus.Completed, (await v1Host.CompletionAsync("v1")).RuntimeStatus);
            Assert.Equal(OrchestrationRuntimeStatus.Pending, (await v1Host.Client.GetInstanceAsync("v2"))!.RuntimeStatus);
        }

        await using var v2Host = await EngineHost.StartAsync(hub, Versioning("2.0", "Strict", "Reject", partitions: 1));
        var v2 = await v2Host.CompletionAsync("v2");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, v2.RuntimeStatus);
    }
}
