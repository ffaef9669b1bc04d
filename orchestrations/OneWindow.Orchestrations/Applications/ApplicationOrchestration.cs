using OneWindow.Domain.Applications;
using Microsoft.DurableTask;
using OneWindow.Hosting;
using OneWindow.Hosting.Time;
using OneWindow.Orchestrations.Delivery;
using OneWindow.Orchestrations.Review;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Orchestrations.Applications;

/// <summary>
/// One application's life (instance id = application id): wait for the window clerk's decision racing the 5-day
/// timer of Art. 32; corrections loop back to a new window from the day the corrected materials arrive (a supply
/// deadline that passes first ends the case as terminated); acceptance
/// leads to the review stage (department tasks created, status <c>in-review</c>), then the parallel review of
/// <see cref="ParallelReview"/> until the case is approved, rejected or terminated; an approved case then goes through
/// <see cref="DeliveryStep"/> (fee, licences, courier or pickup) until it is delivered (docs/orchestrations.md).
/// Deterministic: business time from <see cref="BusinessClock"/>, ids from <see cref="TaskOrchestrationContext.NewGuid"/>, no I/O;
/// event waits stay open across rounds (<see cref="EventWaits"/>), deadline waits re-arm when the development clock moves.
/// </summary>
public sealed class ApplicationOrchestration
{
    public const string Name = "ApplicationOrchestration";

    [Function(Name)]
    public async Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, ApplicationCase input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var id = input.ApplicationId;
        var clock = new BusinessClock(context, input.ClockOffset);
        var events = new EventWaits(context);
        var windowStart = input.SubmittedAt;
        var round = 0; // window corrections so far: a decision for another round is a duplicate (decision 0010)
        context.SetCustomStatus("submitted");
        #pragma warning disable DURABLE0011 // Bounded by the case itself: each turn consumes a person's event (a decision, a correction,
        // a suspension) or a deadline, a few dozen in a case's life; ContinueAsNew would drop the buffered events the turns
        // rely on (decision 0008). The retention policy purges finished histories (decision 0009).
        while (true)
        {
        #pragma warning restore DURABLE0011
            using var windowCancel = new CancellationTokenSource();
            var decisionTask = events.Next<AcceptanceDecision>(ApplicationEvents.AcceptanceDecision);
            var moved = events.Next<ClockMoved>(ClockMoved.EventName);
            var window = clock.UntilAsync(windowStart + input.AcceptanceWindow, windowCancel.Token);
            var winner = await Task.WhenAny(decisionTask, moved, window);
#pragma warning disable CA1849 // synchronous cancel keeps the callbacks on the replay scheduler
            windowCancel.Cancel();
#pragma warning restore CA1849
            if (winner == moved)
            {
                clock.Apply((await events.TakeAsync<ClockMoved>(ClockMoved.EventName)).Offset);
                continue;
            }

            if (winner == window)
            {
                // Art. 32: without an answer within the window the case counts as accepted from the day the materials arrived.
                await context.CallActivityAsync(ApplicationActivities.AcceptApplication, new AcceptanceStep(id, windowStart, null), ActivityRetry.Options);
                break;
            }

            var decision = await events.TakeAsync<AcceptanceDecision>(ApplicationEvents.AcceptanceDecision);
            if (decision.Round != round) continue;
            var now = clock.Now;
            if (decision.Decision is AcceptanceDecision.Accept or AcceptanceDecision.AcceptDeferred)
            {
                await context.CallActivityAsync(ApplicationActivities.AcceptApplication, new AcceptanceStep(id, now, decision), ActivityRetry.Options);
                break;
            }

            if (decision.Decision == AcceptanceDecision.Reject)
            {
                await context.CallActivityAsync(ApplicationActivities.RejectApplication, new DecisionStep(id, now, null, decision.Reason), ActivityRetry.Options);
                context.SetCustomStatus("rejected");
                return "rejected";
            }

            var correctionId = "corr-" + context.NewGuid().ToString("N")[..12];
            var supplyDueAt = await context.CallActivityAsync<DateTimeOffset?>(ApplicationActivities.RequestCorrection, new CorrectionStep(id, correctionId, now, decision.Items, decision.SupplyWorkingDays), ActivityRetry.Options);
            context.SetCustomStatus("correction-required");
            #pragma warning disable DURABLE0011 // Bounded by the case itself: each turn consumes a person's event (a decision, a correction,
            // a suspension) or a deadline, a few dozen in a case's life; ContinueAsNew would drop the buffered events the turns
            // rely on (decision 0008). The retention policy purges finished histories (decision 0009).
            while (true)
            {
            #pragma warning restore DURABLE0011
                // A supply deadline that passes without the corrections ends the case (as a department's does).
                using var supplyCancel = new CancellationTokenSource();
                var answerTask = events.Next<CorrectionSubmitted>(ApplicationEvents.CorrectionSubmitted);
                var clockMoved = events.Next<ClockMoved>(ClockMoved.EventName);
                var rederive = events.Next<DeadlinesChanged>(DeadlinesChanged.EventName);
                var supply = supplyDueAt is { } due ? clock.UntilAsync(due, supplyCancel.Token) : null;
                var first = await Task.WhenAny(supply is null ? [answerTask, clockMoved, rederive] : [answerTask, clockMoved, rederive, supply]);
#pragma warning disable CA1849 // synchronous cancel keeps the callbacks on the replay scheduler
                supplyCancel.Cancel();
#pragma warning restore CA1849
                if (first == clockMoved)
                {
                    clock.Apply((await events.TakeAsync<ClockMoved>(ClockMoved.EventName)).Offset);
                    continue;
                }

                if (first == rederive)
                {
                    // A year's official arrangement was loaded: the supply deadline is counted again on it.
                    await events.TakeAsync<DeadlinesChanged>(DeadlinesChanged.EventName);
                    supplyDueAt = await context.CallActivityAsync<DateTimeOffset?>(ReviewActivities.RederiveCorrection, new DecisionStep(id, clock.Now, correctionId, null), ActivityRetry.Options) ?? supplyDueAt;
                    continue;
                }

                if (first == supply)
                {
                    await context.CallActivityAsync(ReviewActivities.FinishReview, new ReviewFinish(id, "terminated", clock.Now, "correction-expired", "timer"), ActivityRetry.Options);
                    context.SetCustomStatus("terminated");
                    return "terminated";
                }

                var answer = await events.TakeAsync<CorrectionSubmitted>(ApplicationEvents.CorrectionSubmitted);
                if (answer.CorrectionId == correctionId) break;
            }

            windowStart = clock.Now;
            round++;
            await context.CallActivityAsync(ApplicationActivities.ApplyCorrection, new DecisionStep(id, windowStart, correctionId, null), ActivityRetry.Options);
            context.SetCustomStatus("submitted");
        }

        await context.CallActivityAsync(ApplicationActivities.StartReview, id, ActivityRetry.Options);
        context.SetCustomStatus("in-review");
        var outcome = await ParallelReview.RunAsync(context, id, clock, events);

        // An approved case goes on to fee, licences and delivery (actions only after the old ones: history stays a prefix).
        return outcome == "approved" ? await DeliveryStep.RunAsync(context, id, events) : outcome;
    }
}
