using Microsoft.DurableTask;
using OneWindow.Hosting.Time;

namespace OneWindow.Orchestrations.Review;

/// <summary>
/// How the case's review uses <see cref="DeferredMaterialsOrchestration"/>: started with the review when the case was
/// accepted with deferred materials, awaited before the case may be approved (reviews go on meanwhile), cancelled
/// when the case ends otherwise. Its missed deadline reaches the review as a <c>Termination</c>.
/// </summary>
public static class DeferredMaterialsWatch
{
    /// <summary>Starts the watch when the plan names an unanswered deferred-materials notice; null otherwise.</summary>
    public static Task<string>? Start(TaskOrchestrationContext context, string applicationId, ReviewPlan plan, BusinessClock clock)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(clock);
        if (plan.DeferredCorrectionId is null) return null;
        return context.CallSubOrchestratorAsync<string>(DeferredMaterialsOrchestration.Name, new WatchInput(applicationId, clock.Offset),
            new SubOrchestrationOptions(instanceId: DeferredMaterialsOrchestration.InstanceIdOf(applicationId)));
    }

    /// <summary>
    /// Every stage approved: waits for the deferred materials. Null when they arrived (the case may be approved), else
    /// how the case ends: terminated for missing materials, or by a termination that came meanwhile.
    /// </summary>
    public static async Task<ReviewFinish?> AwaitAsync(TaskOrchestrationContext context, string applicationId, Task<string>? watch, BusinessClock clock, EventWaits events)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(events);
        if (watch is null) return null;
        context.SetCustomStatus(new { status = "in-review", stage = "deferred-materials", openTasks = Array.Empty<string>() });
        #pragma warning disable DURABLE0011 // Bounded: ends with the watch or a termination; clock moves are the only other turns.
        while (true)
        {
        #pragma warning restore DURABLE0011
            var moved = events.Next<ClockMoved>(ClockMoved.EventName);
            var termination = events.Next<CancelReview>(ReviewEvents.Termination);
            var winner = await Task.WhenAny(watch, termination, moved);
            if (winner == moved)
            {
                clock.Apply((await events.TakeAsync<ClockMoved>(ClockMoved.EventName)).Offset);
                continue;
            }

            if (winner == termination)
            {
                var request = await events.TakeAsync<CancelReview>(ReviewEvents.Termination);
                Stop(context, applicationId, watch);
                return new ReviewFinish(applicationId, "terminated", clock.Now, request.Reason, request.Actor);
            }

            return await watch == DeferredMaterialsOrchestration.Supplied
                ? null
                : new ReviewFinish(applicationId, "terminated", clock.Now, DeferredMaterialsOrchestration.Missing, "timer");
        }
    }

    /// <summary>The case ended otherwise: a watch still running stops (no reminder for a closed case).</summary>
    public static void Stop(TaskOrchestrationContext context, string applicationId, Task<string>? watch)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (watch is { IsCompleted: false })
            context.SendEvent(DeferredMaterialsOrchestration.InstanceIdOf(applicationId), ReviewEvents.Cancel, new CancelReview("case-ended", "orchestration"));
    }
}
