using Microsoft.DurableTask;
using OneWindow.Hosting;
using OneWindow.Hosting.Time;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Orchestrations.Review;

/// <summary>
/// One consultation (意见征询, instance id = consultation id), started by the asking route: the timers every task has —
/// a warning, then the due time and each further working day — on the consulted department's calendar, escalated to
/// that department's chief (and the supervisor when overdue), until the answer comes, the asking task closes (the
/// consultation is cancelled with it; this instance ends at its next timer) or a cancellation. The asking task's own
/// clock keeps running meanwhile. Deterministic as the department review is: every deadline comes from an activity.
/// </summary>
public sealed class ConsultationOrchestration
{
    public const string Name = "ConsultationOrchestration";

    private const string WarningTimer = "warning-timer";
    private const string OverdueTimer = "overdue-timer";

    [Function(Name)]
    public async Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, WatchInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var id = input.Id;
        var clock = new BusinessClock(context, input.ClockOffset);
        var events = new EventWaits(context);
        var deadlines = await context.CallActivityAsync<TaskDeadlines>(ReviewActivities.OpenConsultation, id, ActivityRetry.Options);
        clock.Apply(deadlines.ClockOffset);
        var warned = false;
        var overdueRound = 0;
        DateTimeOffset? nextOverdue = null;

        #pragma warning disable DURABLE0011 // Bounded: each turn consumes an event or a deadline; the answer, the asking task's end or a cancellation ends it.
        while (true)
        {
        #pragma warning restore DURABLE0011
            using var round = new WaitRound(events, clock)
                .Event<CancelReview>(ReviewEvents.Cancel)
                .Event<ClockEvent>(ReviewEvents.ConsultationAnswer)
                .Event<ClockMoved>(ClockMoved.EventName)
                .Event<DeadlinesChanged>(DeadlinesChanged.EventName)
                .Timer(OverdueTimer, nextOverdue ?? deadlines.DueAt);
            if (!warned) round.Timer(WarningTimer, deadlines.WarningAt);
            var name = await round.NextAsync();
            var now = clock.Now;
            switch (name)
            {
                case ReviewEvents.Cancel:
                {
                    var reason = await events.TakeAsync<CancelReview>(ReviewEvents.Cancel);
                    return await context.CallActivityAsync<string>(ReviewActivities.CloseTask, new TaskStep(id, now, reason.Actor, "cancelled"), ActivityRetry.Options);
                }

                case ReviewEvents.ConsultationAnswer:
                {
                    // The answer is on the document (route); closing takes the alerts and the worklist row away.
                    var answer = await events.TakeAsync<ClockEvent>(ReviewEvents.ConsultationAnswer);
                    return await context.CallActivityAsync<string>(ReviewActivities.CloseTask, new TaskStep(id, now, answer.Actor), ActivityRetry.Options);
                }

                case ClockMoved.EventName:
                    clock.Apply((await events.TakeAsync<ClockMoved>(ClockMoved.EventName)).Offset);
                    break;

                case DeadlinesChanged.EventName:
                    await events.TakeAsync<DeadlinesChanged>(DeadlinesChanged.EventName);
                    deadlines = await context.CallActivityAsync<TaskDeadlines>(ReviewActivities.RederiveConsultation, new TaskStep(id, now, "orchestration"), ActivityRetry.Options);
                    warned &= deadlines.WarningAt <= now;
                    if (deadlines.DueAt > now) (overdueRound, nextOverdue) = (0, null);
                    break;

                case WarningTimer:
                    if (await context.CallActivityAsync<DateTimeOffset?>(ReviewActivities.EscalateConsultation, new TaskStep(id, now, "timer", "warning"), ActivityRetry.Options) is null) return "closed";
                    warned = true;
                    break;

                case OverdueTimer:
                    overdueRound++;
                    nextOverdue = await context.CallActivityAsync<DateTimeOffset?>(ReviewActivities.EscalateConsultation, new TaskStep(id, now, "timer", "overdue", overdueRound), ActivityRetry.Options);
                    if (nextOverdue is null) return "closed";
                    break;
            }
        }
    }
}
