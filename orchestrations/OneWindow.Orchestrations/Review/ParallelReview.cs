using Microsoft.DurableTask;
using OneWindow.Hosting.Time;
using OneWindow.Orchestrations.Applications;

namespace OneWindow.Orchestrations.Review;

/// <summary>
/// The application orchestration after acceptance: the stages in order; in each, one department-review
/// sub-orchestration per task (instance id = task id) running in parallel; a rejection (or an expired correction
/// notice, or a termination) cancels the others and ends the case; when all approved, the stage lead's consolidation
/// task (stages with more than one task) before the next stage. Custom status: current stage and open tasks.
/// </summary>
public static class ParallelReview
{
    public static async Task<string> RunAsync(TaskOrchestrationContext context, string applicationId, BusinessClock clock, EventWaits events)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(events);
        var plan = await context.CallActivityAsync<ReviewPlan>(ReviewActivities.PlanReview, applicationId, ActivityRetry.Options);
        var deferred = DeferredMaterialsWatch.Start(context, applicationId, plan, clock);
        for (var i = 0; i < plan.Stages.Count; i++)
        {
            var stage = plan.Stages[i];
            var start = i == 0 ? plan.AcceptedAt : clock.Now;
            await context.CallActivityAsync(ReviewActivities.StartStage, new StageStep(applicationId, stage.Code, start), ActivityRetry.Options);
            var reviews = stage.Tasks.Select(t => new ReviewInput(applicationId, t.TaskId, "review", stage.Code, t.ItemCode, t.Department, start, clock.Offset)).ToList();
            var ending = await RunTasksAsync(context, stage.Code, reviews, clock, events);
            if (ending is null && stage.Tasks.Count > 1)
            {
                var consolidation = new ReviewInput(applicationId, $"{applicationId}-s{i + 1}-consolidation", "consolidation", stage.Code, stage.ConsolidationItemCode, stage.LeadDepartment, clock.Now, clock.Offset);
                ending = await RunTasksAsync(context, stage.Code, [consolidation], clock, events);
            }

            if (ending is not null)
            {
                DeferredMaterialsWatch.Stop(context, applicationId, deferred);
                return await FinishAsync(context, applicationId, ending);
            }
        }

        // 容缺受理: every opinion is in, but the case is approved only once the deferred materials arrived.
        var missing = await DeferredMaterialsWatch.AwaitAsync(context, applicationId, deferred, clock, events);
        return await FinishAsync(context, applicationId, missing ?? new ReviewFinish(applicationId, "approved", clock.Now, null, "orchestration"));
    }

    /// <summary>Runs the tasks in parallel; returns how the case ends, or null when every task approved.</summary>
    private static async Task<ReviewFinish?> RunTasksAsync(TaskOrchestrationContext context, string stageCode, IReadOnlyList<ReviewInput> inputs, BusinessClock clock, EventWaits events)
    {
        var pending = inputs
            .Select(input => (Input: input, Task: context.CallSubOrchestratorAsync<ReviewOutcome>(DepartmentReviewOrchestration.Name, input, new SubOrchestrationOptions(instanceId: input.TaskId))))
            .ToList();
        ReviewFinish? ending = null;
        while (pending.Count > 0)
        {
            context.SetCustomStatus(new { status = ending?.Status ?? "in-review", stage = stageCode, openTasks = pending.Select(p => p.Input.TaskId).ToArray() });

            // The applicant's answer to a department's correction notice comes to the case (the corrections route does not
            // know tasks); forward it to every open task, the one that asked picks it up. First in the list: an answer taken
            // from the buffer is handled before anything else. A termination is taken once; later ones stay unread.
            var correction = events.Next<CorrectionSubmitted>(ApplicationEvents.CorrectionSubmitted);
            var moved = events.Next<ClockMoved>(ClockMoved.EventName);
            var waits = new List<Task> { correction, moved };
            var termination = ending is null ? events.Next<CancelReview>(ReviewEvents.Termination) : null;
            if (termination is not null) waits.Add(termination);
            waits.AddRange(pending.Select(p => (Task)p.Task));
            var winner = await Task.WhenAny(waits);
            if (winner == correction)
            {
                var answer = await events.TakeAsync<CorrectionSubmitted>(ApplicationEvents.CorrectionSubmitted);
                foreach (var p in pending) context.SendEvent(p.Input.TaskId, ReviewEvents.CorrectionsReceived, answer);
                continue;
            }

            if (winner == moved)
            {
                // The tasks were told by the clock route themselves; the case keeps its own business time current.
                clock.Apply((await events.TakeAsync<ClockMoved>(ClockMoved.EventName)).Offset);
                continue;
            }

            if (winner == termination)
            {
                var request = await events.TakeAsync<CancelReview>(ReviewEvents.Termination);
                ending = new ReviewFinish(pending[0].Input.ApplicationId, "terminated", clock.Now, request.Reason, request.Actor);
                foreach (var p in pending) context.SendEvent(p.Input.TaskId, ReviewEvents.Cancel, new CancelReview(request.Reason, request.Actor));
                continue;
            }

            var done = pending.First(p => p.Task == winner);
            pending.Remove(done);
            var outcome = await done.Task;
            if (ending is null && outcome.Status != "approved")
            {
                var status = outcome.Status == ReviewOutcome.CorrectionExpired ? "terminated" : "rejected";
                var reason = outcome.Status == ReviewOutcome.CorrectionExpired ? "correction-expired" : null;
                ending = new ReviewFinish(done.Input.ApplicationId, status, clock.Now, reason, "task:" + outcome.TaskId);
                foreach (var p in pending) context.SendEvent(p.Input.TaskId, ReviewEvents.Cancel, new CancelReview(status, "orchestration"));
            }
        }

        return ending;
    }

    private static async Task<string> FinishAsync(TaskOrchestrationContext context, string applicationId, ReviewFinish finish)
    {
        await context.CallActivityAsync(ReviewActivities.FinishReview, finish with { ApplicationId = applicationId }, ActivityRetry.Options);
        context.SetCustomStatus(new { status = finish.Status, stage = (string?)null, openTasks = Array.Empty<string>() });
        return finish.Status;
    }
}
