using Microsoft.DurableTask;
using OneWindow.Hosting;
using OneWindow.Hosting.Time;
using OneWindow.Orchestrations.Applications;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Orchestrations.Review;

/// <summary>
/// One department task (instance id = task id): open it (document, worklist, push to the department's system, deadlines
/// on the working-day calendar), then wait for whichever comes first — cancellation, decision, suspension, resumption,
/// extension, consultation answer, the applicant's corrections, or the warning, promised (then every further working
/// day) and legal deadline timers. Deterministic: business time from <see cref="BusinessClock"/> or from event payloads and
/// activity results; every deadline is computed by an activity, and every deadline wait re-arms when the clock moves.
/// </summary>
public sealed class DepartmentReviewOrchestration
{
    public const string Name = "DepartmentReviewOrchestration";

    private const string WarningTimer = "warning-timer";
    private const string OverdueTimer = "overdue-timer";
    private const string LegalTimer = "legal-timer";
    private const string SupplyTimer = "supply-timer";

    [Function(Name)]
    public async Task<ReviewOutcome> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, ReviewInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var taskId = input.TaskId;
        var clock = new BusinessClock(context, input.ClockOffset);
        var events = new EventWaits(context);
        var deadlines = await context.CallActivityAsync<TaskDeadlines>(ReviewActivities.OpenTask, input, ActivityRetry.Options);
        clock.Apply(deadlines.ClockOffset);
        var warned = false;
        var legalRaised = false;
        var overdueRound = 0;
        DateTimeOffset? nextOverdue = null;
        var suspended = false;
        string? correctionId = null;
        DateTimeOffset? supplyDueAt = null;

        // Ids of the events already acted on: the decision outbox may deliver a decision twice (the route's raise and the
        // timer's replay), and a repeat must not be taken as a new decision at a later wait. Orchestration state, rebuilt
        // by replay like every other local, so deterministic.
        var handled = new HashSet<string>(StringComparer.Ordinal);
        bool Repeated(string? eventId) => eventId is not null && !handled.Add(eventId);

        #pragma warning disable DURABLE0011 // Bounded by the case itself: each turn consumes a person's event (a decision, a correction,
        // a suspension) or a deadline, a few dozen in a case's life; ContinueAsNew would drop the buffered events the turns
        // rely on (decision 0008). The retention policy purges finished histories (decision 0009).
        while (true)
        {
        #pragma warning restore DURABLE0011
            context.SetCustomStatus(new { taskId, status = correctionId is not null ? "correction-required" : suspended ? "suspended" : "in-review", deadlines.DueAt });
            using var cancel = new CancellationTokenSource();
            var waits = new List<(string Name, Task Task)>();

            // Event waits stay open across rounds (EventWaits): an event that comes while this state does not look at it
            // waits for the state that does. Only the deadline timers are cancelled and set again each round.
            void Wait<T>(string name) => waits.Add((name, events.Next<T>(name)));
            void Timer(string name, DateTimeOffset at) => waits.Add((name, clock.UntilAsync(at, cancel.Token)));

            Wait<CancelReview>(ReviewEvents.Cancel);
            Wait<ClockMoved>(ClockMoved.EventName);
            Wait<DeadlinesChanged>(DeadlinesChanged.EventName);
            if (correctionId is not null)
            {
                Wait<CorrectionSubmitted>(ReviewEvents.CorrectionsReceived);
                if (supplyDueAt is { } supply) Timer(SupplyTimer, supply);
            }
            else if (suspended)
            {
                Wait<DecisionMade>(ReviewEvents.Decision);
                Wait<ClockEvent>(ReviewEvents.Resumption);
                Wait<ClockEvent>(ReviewEvents.ConsultationAnswer);
            }
            else
            {
                Wait<DecisionMade>(ReviewEvents.Decision);
                Wait<ClockEvent>(ReviewEvents.Suspension);
                Wait<ClockEvent>(ReviewEvents.Extension);
                Wait<ClockEvent>(ReviewEvents.ConsultationAnswer);
                if (!warned) Timer(WarningTimer, deadlines.WarningAt);
                Timer(OverdueTimer, nextOverdue ?? deadlines.DueAt);
                if (!legalRaised) Timer(LegalTimer, deadlines.LegalDueAt);
            }

            var winner = await Task.WhenAny(waits.Select(w => w.Task));
#pragma warning disable CA1849 // synchronous cancel keeps the callbacks on the replay scheduler
            cancel.Cancel();
#pragma warning restore CA1849
            var name = waits.First(w => w.Task == winner).Name;

            // The business time of the work item that saw the event or timer, not of the one that started waiting.
            var now = clock.Now;
            switch (name)
            {
                case ClockMoved.EventName:
                    clock.Apply((await events.TakeAsync<ClockMoved>(name)).Offset);
                    break;

                case DeadlinesChanged.EventName:
                {
                    // A year's arrangement was loaded or the case went on the green channel: deadlines and supply deadline re-derived.
                    await events.TakeAsync<DeadlinesChanged>(name);
                    deadlines = await context.CallActivityAsync<TaskDeadlines>(ReviewActivities.RederiveTask, new TaskStep(taskId, now, "orchestration"), ActivityRetry.Options);
                    clock.Apply(deadlines.ClockOffset);
                    if (correctionId is not null) supplyDueAt = deadlines.SupplyDueAt ?? supplyDueAt;
                    (warned, legalRaised, overdueRound, nextOverdue) = Reset(deadlines, now, warned, legalRaised, overdueRound, nextOverdue);
                    break;
                }

                case ReviewEvents.Cancel:
                {
                    var reason = await events.TakeAsync<CancelReview>(name);
                    var status = await context.CallActivityAsync<string>(ReviewActivities.CloseTask, new TaskStep(taskId, now, reason.Actor, "cancelled"), ActivityRetry.Options);
                    return new ReviewOutcome(taskId, input.Department, status);
                }

                case ReviewEvents.Decision:
                {
                    var decision = await events.TakeAsync<DecisionMade>(name);
                    if (Repeated(decision.EventId)) break;
                    if (decision.Decision == "request-correction")
                    {
                        correctionId = "corr-" + context.NewGuid().ToString("N")[..12];
                        supplyDueAt = await context.CallActivityAsync<DateTimeOffset?>(ReviewActivities.RequestTaskCorrection,
                            new CorrectionStepInput(taskId, correctionId, now, decision.Actor, decision.Items ?? [], decision.SupplyWorkingDays), ActivityRetry.Options);
                        suspended = false;
                        break;
                    }

                    var status = await context.CallActivityAsync<string>(ReviewActivities.CloseTask, new TaskStep(taskId, now, decision.Actor), ActivityRetry.Options);
                    return new ReviewOutcome(taskId, input.Department, status);
                }

                case ReviewEvents.Suspension:
                {
                    var clockEvent = await events.TakeAsync<ClockEvent>(name);
                    if (Repeated(clockEvent.EventId)) break;
                    await context.CallActivityAsync(ReviewActivities.SuspendTask, new TaskStep(taskId, clockEvent.At, clockEvent.Actor), ActivityRetry.Options);
                    suspended = true;
                    break;
                }

                case ReviewEvents.Resumption:
                {
                    var clockEvent = await events.TakeAsync<ClockEvent>(name);
                    if (Repeated(clockEvent.EventId)) break;
                    deadlines = await context.CallActivityAsync<TaskDeadlines>(ReviewActivities.ResumeTask, new TaskStep(taskId, now, clockEvent.Actor), ActivityRetry.Options);
                    clock.Apply(deadlines.ClockOffset);
                    suspended = false;
                    (warned, legalRaised, overdueRound, nextOverdue) = Reset(deadlines, now, warned, legalRaised, overdueRound, nextOverdue);
                    break;
                }

                case ReviewEvents.Extension:
                {
                    var clockEvent = await events.TakeAsync<ClockEvent>(name);
                    if (Repeated(clockEvent.EventId)) break;
                    deadlines = await context.CallActivityAsync<TaskDeadlines>(ReviewActivities.ExtendTask, new TaskStep(taskId, now, clockEvent.Actor), ActivityRetry.Options);
                    clock.Apply(deadlines.ClockOffset);
                    (warned, legalRaised, overdueRound, nextOverdue) = Reset(deadlines, now, warned, legalRaised, overdueRound, nextOverdue);
                    break;
                }

                case ReviewEvents.ConsultationAnswer:
                {
                    var clockEvent = await events.TakeAsync<ClockEvent>(name);
                    if (Repeated(clockEvent.EventId)) break;
                    await context.CallActivityAsync(ReviewActivities.AttachConsultation, new TaskStep(taskId, now, clockEvent.Actor, clockEvent.Reference), ActivityRetry.Options);
                    break;
                }

                case ReviewEvents.CorrectionsReceived:
                {
                    var answer = await events.TakeAsync<CorrectionSubmitted>(name);
                    if (answer.CorrectionId != correctionId) break; // another task's notice: the case forwards answers to every open task
                    deadlines = await context.CallActivityAsync<TaskDeadlines>(ReviewActivities.ApplyTaskCorrection, new TaskStep(taskId, now, "applicant", correctionId), ActivityRetry.Options);
                    clock.Apply(deadlines.ClockOffset);
                    correctionId = null;
                    supplyDueAt = null;
                    (warned, legalRaised, overdueRound, nextOverdue) = Reset(deadlines, now, warned, legalRaised, overdueRound, nextOverdue);
                    break;
                }

                case SupplyTimer:
                {
                    var status = await context.CallActivityAsync<string>(ReviewActivities.CloseTask, new TaskStep(taskId, now, "timer", ReviewOutcome.CorrectionExpired), ActivityRetry.Options);
                    return new ReviewOutcome(taskId, input.Department, status == "cancelled" ? ReviewOutcome.CorrectionExpired : status);
                }

                case WarningTimer:
                    await context.CallActivityAsync<DateTimeOffset>(ReviewActivities.Escalate, new TaskStep(taskId, now, "timer", "warning"), ActivityRetry.Options);
                    warned = true;
                    break;

                case OverdueTimer:
                    overdueRound++;
                    nextOverdue = await context.CallActivityAsync<DateTimeOffset>(ReviewActivities.Escalate, new TaskStep(taskId, now, "timer", "overdue", overdueRound), ActivityRetry.Options);
                    break;

                case LegalTimer:
                    await context.CallActivityAsync<DateTimeOffset>(ReviewActivities.Escalate, new TaskStep(taskId, now, "timer", "legal-overdue"), ActivityRetry.Options);
                    legalRaised = true;
                    break;
            }
        }
    }

    /// <summary>After the due time moved (resumption, extension, corrections), escalations whose time is again ahead start over.</summary>
    private static (bool Warned, bool LegalRaised, int OverdueRound, DateTimeOffset? NextOverdue) Reset(
        TaskDeadlines deadlines, DateTimeOffset now, bool warned, bool legalRaised, int overdueRound, DateTimeOffset? nextOverdue) =>
        (warned && deadlines.WarningAt <= now,
         legalRaised && deadlines.LegalDueAt <= now,
         deadlines.DueAt > now ? 0 : overdueRound,
         deadlines.DueAt > now ? null : nextOverdue);
}
