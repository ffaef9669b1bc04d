using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using OneWindow.Hosting.Durable;
using Xunit;

namespace OneWindow.Hosting.Tests.Durable;

/// <summary>
/// An episode that runs again after its messages were sent but not its history, and takes another branch because an event
/// came in between (decision 0016): the first run's activity answer must not complete the second run's activity, which has
/// the same sequence number. Seen in the platform drill as a CloseTask that received an Escalate's answer.
/// </summary>
public sealed class StaleResponseTests
{
    [Fact]
    public async Task An_answer_from_the_lost_run_of_an_episode_does_not_complete_the_other_branch_of_its_rerun()
    {
        const string instanceId = "diverging";
        await using var host = await EngineHost.CreateAsync(EngineHost.NewHub());
        CrashAfterActivityMessagesOnce? crash = null;
        host.Engine.ProviderWrapper = provider => crash = new CrashAfterActivityMessagesOnce(provider, instanceId, "escalate");
        await host.StartAsync();
        Assert.NotNull(crash);

        try
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync(EngineOrchestrations.Diverging, new StartOrchestrationOptions(instanceId));

            // The episode after "open" answered took the escalate branch; its activity message is out, its history is not.
            await crash.Sent.Task.WaitAsync(EngineHost.Patience);

            // The event comes while that episode is still open, so it is taken in an episode of its own before the
            // provider gives "open"'s answer back (2 s after the crash): the rerun of the lost episode closes instead.
            await host.Client.RaiseEventAsync(instanceId, EngineOrchestrations.Go, "now");
            crash.Release.TrySetResult();

            // The lost run's answer ("echo escalate") comes, whether before or after the rerun scheduled "close", and is dropped.
            var deadline = DateTime.UtcNow + EngineHost.Patience;
            while (!(await host.Client.GetOrchestrationHistoryAsync(instanceId)).OfType<GenericEvent>().Any() && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }

            await host.Client.RaiseEventAsync(instanceId, EngineOrchestrations.Go, "done");
            var done = await host.CompletionAsync(instanceId);
            var history = await host.Client.GetOrchestrationHistoryAsync(instanceId);
            var told = string.Join(", ", history.Select(e => e switch
            {
                TaskScheduledEvent t => $"{e.EventType}#{e.EventId}({t.Input})",
                TaskCompletedEvent c => $"{e.EventType}#{c.TaskScheduledId}({c.Result})",
                _ => $"{e.EventType}[{e.EventId}]",
            }));
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.True(done.ReadOutputAs<string>() == "echo close", $"output {done.SerializedOutput}; history: {told}");

            // Dropped once, recorded as such in the history.
            Assert.True(history.OfType<GenericEvent>().Count() == 1, "history: " + told);
            var dropped = history.OfType<GenericEvent>().Single();
            Assert.Contains("TaskCompleted", dropped.Data, StringComparison.Ordinal);
            Assert.Equal(2, history.OfType<TaskScheduledEvent>().Count());
        }
        finally
        {
            // A failed assertion must not leave the episode waiting: the engine could not stop.
            crash.Release.TrySetResult();
        }
    }

    [Fact]
    public void A_stamped_answer_is_checked_against_the_scheduling_with_its_sequence_number()
    {
        var first = new DateTime(2026, 11, 30, 10, 5, 13, 658, DateTimeKind.Utc);
        var rerun = first.AddSeconds(71);
        var close = Scheduled(1, "CloseTask", rerun);
        HistoryEvent[] history = [close];

        Assert.Null(Check(history, close, "\"approved\""));
        Assert.Contains("not the one that answered", Check(history, Scheduled(1, "Escalate", first), "\"2026-12-01T09:30:00Z\""), StringComparison.Ordinal);
        Assert.Contains("scheduled at", Check(history, Scheduled(1, "CloseTask", first), "\"approved\""), StringComparison.Ordinal);

        // The table keeps times to the millisecond at least: a scheduling read back a little rounded is still the same one.
        Assert.Null(Check([Scheduled(1, "CloseTask", rerun.AddTicks(-4_000))], close, "\"approved\""));

        // An answer to a task the history does not have comes from a run that was never written; an answer without a stamp
        // (from a host without the filter) passes as it is.
        Assert.Contains("no task 1", Check([], close, "x"), StringComparison.Ordinal);
        Assert.Null(StaleResponseFilter.Staleness(history, null, new TaskCompletedEvent(-1, 1, "x")));
    }

    [Fact]
    public void Stamps_come_off_exactly_and_failures_and_children_are_checked_too()
    {
        var scheduled = Scheduled(3, "Escalate", DateTime.UtcNow);
        var key = ResponseStamp.ActivityKey(scheduled);
        foreach (var result in new[] { "", "\"text\"", "\u001Fow1:notastamp", null })
        {
            var (removedKey, removed) = ResponseStamp.Remove(ResponseStamp.Add(new TaskCompletedEvent(-1, 3, result!), key));
            Assert.Equal(key, removedKey);
            Assert.Equal(result, ((TaskCompletedEvent)removed).Result);
        }

        var failed = ResponseStamp.Remove(ResponseStamp.Add(new TaskFailedEvent(-1, 3, "boom", "details", null), key));
        Assert.Equal(("boom", "details"), (((TaskFailedEvent)failed.Event).Reason, ((TaskFailedEvent)failed.Event).Details));
        Assert.Null(StaleResponseFilter.Staleness([scheduled], failed.Key, failed.Event));
        Assert.NotNull(StaleResponseFilter.Staleness([Scheduled(3, "CloseTask", scheduled.Timestamp)], failed.Key, failed.Event));

        // A version written as null or as empty is the same activity.
        var unversioned = new TaskScheduledEvent(3, "Escalate", "", null) { Timestamp = scheduled.Timestamp };
        Assert.Equal(key, ResponseStamp.ActivityKey(unversioned));

        var created = new SubOrchestrationInstanceCreatedEvent(5) { InstanceId = "task-a", Name = "Review" };
        var fromA = ResponseStamp.Remove(ResponseStamp.Add(new SubOrchestrationInstanceCompletedEvent(-1, 5, "\"approved\""), ResponseStamp.ChildKey("task-a")));
        var fromB = ResponseStamp.Remove(ResponseStamp.Add(new SubOrchestrationInstanceCompletedEvent(-1, 5, "\"approved\""), ResponseStamp.ChildKey("task-b")));
        Assert.Null(StaleResponseFilter.Staleness([created], fromA.Key, fromA.Event));
        Assert.NotNull(StaleResponseFilter.Staleness([created], fromB.Key, fromB.Event));
        Assert.Equal("\"approved\"", ((SubOrchestrationInstanceCompletedEvent)fromB.Event).Result);

        // A child's answer that comes before its parent's rerun wrote the scheduling passes: the start de-dupe relies on it.
        Assert.Null(StaleResponseFilter.Staleness([], fromB.Key, fromB.Event));
    }

    [Fact]
    public void A_timer_fires_only_the_timer_created_for_its_time()
    {
        var at = new DateTime(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc);
        HistoryEvent[] history = [new TimerCreatedEvent(2, at)];
        Assert.Null(StaleResponseFilter.Staleness(history, null, new TimerFiredEvent(-1, at) { TimerId = 2 }));
        Assert.Null(StaleResponseFilter.Staleness(history, null, new TimerFiredEvent(-1, DateTime.SpecifyKind(at, DateTimeKind.Unspecified)) { TimerId = 2 }));
        Assert.NotNull(StaleResponseFilter.Staleness(history, null, new TimerFiredEvent(-1, at.AddMinutes(-1)) { TimerId = 2 }));
        Assert.NotNull(StaleResponseFilter.Staleness(history, null, new TimerFiredEvent(-1, at) { TimerId = 7 }));
    }

    private static TaskScheduledEvent Scheduled(int id, string name, DateTime at) => new(id, name, null, null) { Timestamp = at };

    private static string? Check(HistoryEvent[] history, TaskScheduledEvent answered, string result)
    {
        var (key, response) = ResponseStamp.Remove(ResponseStamp.Add(new TaskCompletedEvent(-1, answered.EventId, result), ResponseStamp.ActivityKey(answered)));
        return StaleResponseFilter.Staleness(history, key, response);
    }
}
