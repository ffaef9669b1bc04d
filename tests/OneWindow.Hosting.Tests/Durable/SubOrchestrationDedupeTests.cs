using DurableTask.AzureStorage;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit;

namespace OneWindow.Hosting.Tests.Durable;

/// <summary>
/// A parent episode that runs again after its messages were sent but not its history (decision 0014): the replayed start
/// of the same child is dropped, so the running child keeps its execution; other starts of a child id still run.
/// </summary>
public sealed class SubOrchestrationDedupeTests
{
    [Fact]
    public async Task A_parent_episode_run_again_after_a_crash_between_messages_and_history_leaves_its_running_child_alone()
    {
        const string parentId = "crashing-parent";
        const string childId = parentId + "-child";
        await using var host = await EngineHost.CreateAsync(EngineHost.NewHub());
        CrashAfterMessagesOnce? crash = null;
        host.Engine.ProviderWrapper = provider => crash = new CrashAfterMessagesOnce(provider, parentId);
        await host.StartAsync();
        Assert.NotNull(crash);

        try
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.ParentOfWaiter, new StartOrchestrationOptions(parentId));
            var firstStart = await crash.Sent.Task.WaitAsync(EngineHost.Patience);

            // The child runs from the crashed episode's message and takes its decision while the parent's episode is still open.
            await host.UntilAsync(childId, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);
            await host.Client.RaiseEventAsync(childId, EngineOrchestrations.Go, "decision");
            var child = await host.CompletionAsync(childId);
            Assert.Equal("child:decision", child.ReadOutputAs<string>());
            Assert.Equal(firstStart.OrchestrationInstance.ExecutionId, await ExecutionIdAsync(host, childId));

            // The episode fails before its history: the parent's message comes back and the episode schedules the child again.
            crash.Release.TrySetResult();
            var parent = await host.CompletionAsync(parentId);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, parent.RuntimeStatus);
            Assert.Equal("child:decision", parent.ReadOutputAs<string>());
            Assert.Equal(0, crash.StartsAfterCrash);

            // The child is left as it was: the same execution, one start, its decision, still completed. Without the dedupe the
            // provider restarts it about 6 s after the parent completes (measured): a new execution waiting for the decision again.
            var parentHistory = await host.Client.GetOrchestrationHistoryAsync(parentId);
            Assert.Single(parentHistory.OfType<SubOrchestrationInstanceCreatedEvent>());
            Assert.Single(parentHistory.OfType<SubOrchestrationInstanceCompletedEvent>());
            var deadline = DateTime.UtcNow.AddSeconds(15);
            do
            {
                var history = await host.Client.GetOrchestrationHistoryAsync(childId);
                var started = Assert.Single(history.OfType<ExecutionStartedEvent>());
                Assert.Equal(firstStart.OrchestrationInstance.ExecutionId, started.OrchestrationInstance.ExecutionId);
                Assert.Single(history.OfType<EventRaisedEvent>());
                Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.GetInstanceAsync(childId))!.RuntimeStatus);
                await Task.Delay(500);
            }
            while (DateTime.UtcNow < deadline);
        }
        finally
        {
            // A failed assertion must not leave the parent's episode waiting: the engine could not stop.
            crash.Release.TrySetResult();
        }
    }

    [Fact]
    public async Task A_new_child_id_and_the_same_id_scheduled_again_after_it_finished_both_start()
    {
        const string parentId = "twice";
        const string childId = parentId + "-child";
        await using var host = await EngineHost.StartAsync(EngineHost.NewHub());

        await host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.SameChildTwice, new StartOrchestrationOptions(parentId));
        var parent = await host.CompletionAsync(parentId);

        // The first scheduling starts an id never seen; the second, another task of the same parent execution, re-creates it
        // after it finished: a new execution of the child runs and answers the second call.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, parent.RuntimeStatus);
        var expected = EngineOrchestrations.SameChildTwice + "/" + parentId;
        Assert.Equal(expected + "|" + expected, parent.ReadOutputAs<string>());
        var parentHistory = await host.Client.GetOrchestrationHistoryAsync(parentId);
        var created = parentHistory.OfType<SubOrchestrationInstanceCreatedEvent>().ToList();
        Assert.Equal(2, created.Count);
        Assert.All(created, c => Assert.Equal(childId, c.InstanceId));
        var childStart = (await host.Client.GetOrchestrationHistoryAsync(childId)).OfType<ExecutionStartedEvent>().Single();
        Assert.Equal(created[1].EventId, childStart.ParentInstance.TaskScheduleId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.GetInstanceAsync(childId))!.RuntimeStatus);
    }

    private static async Task<string> ExecutionIdAsync(EngineHost host, string instanceId)
    {
        var states = await host.Get<AzureStorageOrchestrationService>().GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: false);
        return states.Single().OrchestrationInstance.ExecutionId;
    }
}
