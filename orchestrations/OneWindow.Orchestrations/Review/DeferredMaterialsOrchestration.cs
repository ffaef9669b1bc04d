using Microsoft.DurableTask;
using OneWindow.Hosting;
using OneWindow.Hosting.Time;
using OneWindow.Orchestrations.Applications;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Orchestrations.Review;

/// <summary>
/// The deferred materials of a case accepted with deferral (容缺受理, spec 3.4.4(4)); a sub-orchestration of the case
/// (instance id = <c>&lt;applicationId&gt;-deferred</c>) that runs beside the review. The applicant answers the
/// <c>deferred-materials</c> notice through the corrections route, which raises <c>CorrectionSubmitted</c> here;
/// a reminder SMS goes one working day before the supply deadline; a deadline that passes sends <c>Termination</c>
/// (reason <c>deferred-materials-missing</c>) to the case. Returns <see cref="Supplied"/>, <see cref="Missing"/> or
/// <c>cancelled</c> (the case ended first).
/// </summary>
public sealed class DeferredMaterialsOrchestration
{
    public const string Name = "DeferredMaterialsOrchestration";
    public const string Supplied = "supplied";
    public const string Missing = "deferred-materials-missing";

    private const string ReminderTimer = "reminder-timer";
    private const string SupplyTimer = "supply-timer";

    /// <summary>The instance id of a case's deferred-materials watch.</summary>
    public static string InstanceIdOf(string applicationId) => applicationId + "-deferred";

    [Function(Name)]
    public async Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, WatchInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var applicationId = input.Id;
        var clock = new BusinessClock(context, input.ClockOffset);
        var events = new EventWaits(context);
        var deadlines = await context.CallActivityAsync<DeferredDeadlines>(ReviewActivities.OpenDeferredMaterials, applicationId, ActivityRetry.Options);
        clock.Apply(deadlines.ClockOffset);
        var reminded = false;

        #pragma warning disable DURABLE0011 // Bounded: each turn consumes an event or a deadline; the answer or the deadline ends it.
        while (!deadlines.Supplied)
        {
        #pragma warning restore DURABLE0011
            using var round = new WaitRound(events, clock)
                .Event<CancelReview>(ReviewEvents.Cancel)
                .Event<CorrectionSubmitted>(ApplicationEvents.CorrectionSubmitted)
                .Event<ClockMoved>(ClockMoved.EventName)
                .Event<DeadlinesChanged>(DeadlinesChanged.EventName)
                .Timer(SupplyTimer, deadlines.DueAt);
            if (!reminded) round.Timer(ReminderTimer, deadlines.RemindAt);
            var name = await round.NextAsync();
            var now = clock.Now;
            switch (name)
            {
                case ReviewEvents.Cancel:
                    await events.TakeAsync<CancelReview>(ReviewEvents.Cancel);
                    return "cancelled";

                case ApplicationEvents.CorrectionSubmitted:
                {
                    var answer = await events.TakeAsync<CorrectionSubmitted>(ApplicationEvents.CorrectionSubmitted);
                    if (answer.CorrectionId == Domain.Applications.CorrectionRequest.DeferredId) deadlines = deadlines with { Supplied = true };
                    break;
                }

                case ClockMoved.EventName:
                    clock.Apply((await events.TakeAsync<ClockMoved>(ClockMoved.EventName)).Offset);
                    break;

                case DeadlinesChanged.EventName:
                    await events.TakeAsync<DeadlinesChanged>(DeadlinesChanged.EventName);
                    deadlines = await context.CallActivityAsync<DeferredDeadlines>(ReviewActivities.RederiveDeferredMaterials, new DecisionStep(applicationId, now, null, null), ActivityRetry.Options);
                    reminded &= deadlines.RemindAt <= now;
                    break;

                case ReminderTimer:
                    await context.CallActivityAsync(ReviewActivities.RemindDeferredMaterials, applicationId, ActivityRetry.Options);
                    reminded = true;
                    break;

                case SupplyTimer:
                    // The case ends as a clerk's termination would: its open tasks are cancelled, the applicant told.
                    context.SendEvent(applicationId, ReviewEvents.Termination, new CancelReview(Missing, "timer"));
                    return Missing;
            }
        }

        await context.CallActivityAsync(ReviewActivities.ApplyDeferredMaterials, new DecisionStep(applicationId, clock.Now, null, null), ActivityRetry.Options);
        return Supplied;
    }
}
