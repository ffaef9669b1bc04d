using OneWindow.Domain.Applications;
using Microsoft.DurableTask;
using OneWindow.Hosting;
using OneWindow.Orchestrations.Review;

namespace OneWindow.Orchestrations.Applications;

/// <summary>
/// One application's life (instance id = application id): wait for the window clerk's decision racing the 5-day
/// timer of Art. 32; corrections loop back to a new window from the day the corrected materials arrive (a supply
/// deadline that passes first ends the case as terminated); acceptance
/// leads to the review stage (department tasks created, status <c>in-review</c>), then the parallel review of
/// <see cref="ParallelReview"/> until the case is approved, rejected or terminated (docs/orchestrations.md).
/// Deterministic: time from the context, ids from <see cref="TaskOrchestrationContext.NewGuid"/>, no I/O.
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
        var windowStart = input.SubmittedAt;
        context.SetCustomStatus("submitted");
        while (true)
        {
            using var timerCancel = new CancellationTokenSource();
            using var eventCancel = new CancellationTokenSource();
            var decisionTask = context.WaitForExternalEvent<AcceptanceDecision>(ApplicationEvents.AcceptanceDecision, eventCancel.Token);
            var timer = context.CreateTimer((windowStart + input.AcceptanceWindow).UtcDateTime, timerCancel.Token);
            var winner = await Task.WhenAny(decisionTask, timer);
#pragma warning disable CA1849 // synchronous cancel keeps the callbacks on the replay scheduler
            if (winner == timer)
            {
                eventCancel.Cancel();

                // Art. 32: without an answer within the window the case counts as accepted from the day the materials arrived.
                await context.CallActivityAsync(ApplicationActivities.AcceptApplication, new AcceptanceStep(id, windowStart, null));
                break;
            }

            timerCancel.Cancel();
#pragma warning restore CA1849
            var decision = await decisionTask;
            var now = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
            if (decision.Decision is AcceptanceDecision.Accept or AcceptanceDecision.AcceptDeferred)
            {
                await context.CallActivityAsync(ApplicationActivities.AcceptApplication, new AcceptanceStep(id, now, decision));
                break;
            }

            if (decision.Decision == AcceptanceDecision.Reject)
            {
                await context.CallActivityAsync(ApplicationActivities.RejectApplication, new DecisionStep(id, now, null, decision.Reason));
                context.SetCustomStatus("rejected");
                return "rejected";
            }

            var correctionId = "corr-" + context.NewGuid().ToString("N")[..12];
            var supplyDueAt = await context.CallActivityAsync<DateTimeOffset?>(ApplicationActivities.RequestCorrection, new CorrectionStep(id, correctionId, now, decision.Items, decision.SupplyWorkingDays));
            context.SetCustomStatus("correction-required");
            using (var supplyCancel = new CancellationTokenSource())
            {
                // A supply deadline that passes without the corrections ends the case (as a department's does).
                var supplyTimer = supplyDueAt is { } due ? context.CreateTimer(due.UtcDateTime, supplyCancel.Token) : null;
                while (true)
                {
                    using var answerCancel = new CancellationTokenSource();
                    var answerTask = context.WaitForExternalEvent<CorrectionSubmitted>(ApplicationEvents.CorrectionSubmitted, answerCancel.Token);
                    var first = supplyTimer is null ? answerTask : await Task.WhenAny(answerTask, supplyTimer);
#pragma warning disable CA1849 // synchronous cancel keeps the callbacks on the replay scheduler
                    if (first == supplyTimer)
                    {
                        answerCancel.Cancel();
                        var expiredAt = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
                        await context.CallActivityAsync(ReviewActivities.FinishReview, new ReviewFinish(id, "terminated", expiredAt, "correction-expired", "timer"));
                        context.SetCustomStatus("terminated");
                        return "terminated";
                    }
#pragma warning restore CA1849

                    var answer = await answerTask;
                    if (answer.CorrectionId == correctionId) break;
                }

#pragma warning disable CA1849
                supplyCancel.Cancel();
#pragma warning restore CA1849
            }

            windowStart = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
            await context.CallActivityAsync(ApplicationActivities.ApplyCorrection, new DecisionStep(id, windowStart, correctionId, null));
            context.SetCustomStatus("submitted");
        }

        await context.CallActivityAsync(ApplicationActivities.StartReview, id);
        context.SetCustomStatus("in-review");
        return await ParallelReview.RunAsync(context, id);
    }
}
