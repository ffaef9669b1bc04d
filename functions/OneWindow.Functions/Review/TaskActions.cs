using Microsoft.AspNetCore.Http;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Review;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using OneWindow.Hosting.Durable;
using OneWindow.Functions.Applications;
using OneWindow.Orchestrations.Review;

namespace OneWindow.Functions.Review;

/// <summary>
/// What the worklist routes and the department webhook both do to a task, so both raise the same events. The task
/// document's ETag is the gate: a write made from a stale read fails, and the caller gets 409.
/// </summary>
public sealed class TaskActions(IReviewTaskStore tasks, IApplicationStore applications, TimeProvider time)
{
    /// <summary>The task if <paramref name="department"/> may act on it, else the problem to answer (404 unknown, 403 another department).</summary>
    public async Task<(ReviewTask? Task, string? ETag, IResult? Problem)> FindAsync(string taskId, string? department, CancellationToken cancellationToken)
    {
        var (task, etag) = await tasks.GetAsync(taskId, cancellationToken);
        if (task is null) return (null, null, ApplicationHttp.NotFound($"No task '{taskId}'."));
        if (department is not null && task.Department != department) return (null, null, ApplicationHttp.Forbidden($"Task {taskId} belongs to another department."));
        return (task, etag, null);
    }

    public async Task<IResult> DecideAsync(DurableTaskClient durable, string taskId, string department, string actor, DecisionRequest decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);

        // The ETag write is the gate between deciders; other writes to the task (a notice pushed, progress recorded) can
        // also move the ETag, so a lost race is re-read and judged again: only a decision or a closed task is a conflict.
        for (var attempt = 1; ; attempt++)
        {
            var (task, etag, problem) = await FindAsync(taskId, department, cancellationToken);
            if (problem is not null) return problem;
            var repeated = await RaisePendingAsync(durable, task!, actor, decision, cancellationToken);
            if (repeated is not null) return repeated;
            if (!task!.IsOpen) return ApplicationHttp.Conflict($"Task {taskId} is closed ({task.Status}).");
            if (task.Kind == ReviewTask.Consultation) return ApplicationHttp.Conflict($"Task {taskId} is a consultation: answer it at /api/consultations/{taskId}/answer.");
            if (task.Status == ReviewTaskStatus.CorrectionRequired) return ApplicationHttp.Conflict($"Task {taskId} waits for the applicant's corrections.");
            if (task.DecisionEventPending) return ApplicationHttp.Conflict($"Another decision on task {taskId} was recorded first.");
            var now = time.GetUtcNow();
            var final = decision.Decision switch { "approve" => ReviewTaskStatus.Approved, "reject" => ReviewTaskStatus.Rejected, _ => ReviewTaskStatus.CorrectionRequired };
            var next = task with
            {
                Status = final,
                Decision = decision.Decision == "request-correction" ? task.Decision : decision.Decision,
                Opinion = decision.Opinion ?? task.Opinion,
                DecidedAt = final == ReviewTaskStatus.CorrectionRequired ? task.DecidedAt : now,
                DecidedBy = final == ReviewTaskStatus.CorrectionRequired ? task.DecidedBy : actor,
                Licence = decision.Licence ?? task.Licence,
                History = [.. task.History, new TaskEvent(now, "decision", actor, decision.Decision)],
                DecisionEventPending = true,
            };
            if (await tasks.TryReplaceAsync(next, etag!, cancellationToken))
            {
                if (await RaiseAsync(durable, next, actor, decision, cancellationToken)) return Accepted(taskId, decision);

                // The review ended between the read and the write (the case was terminated): the decision never reached
                // it, so the task goes back to what it was rather than showing a decision that had no effect.
                await tasks.UpdateAsync(taskId, t => t.DecisionEventPending ? task with { DecisionEventPending = false } : null, cancellationToken);
                return ApplicationHttp.Conflict($"The review of task {taskId} has ended; the decision was not recorded.");
            }

            if (attempt == 5) return ApplicationHttp.Conflict($"Task {taskId} kept changing while the decision was recorded; try again.");
        }
    }

    /// <summary>
    /// The same decider repeating a decision whose event may not have been raised (the write succeeded, the raise did not
    /// happen): raise it again. The orchestration takes the first Decision and ends, so a duplicate has no effect. Null when
    /// there is nothing pending for this decider; else the answer to give (202, or 409 when the review ended without it).
    /// </summary>
    public async Task<IResult?> RaisePendingAsync(DurableTaskClient durable, ReviewTask task, string actor, DecisionRequest decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(decision);
        if (!task.DecisionEventPending) return null;
        var last = task.History.LastOrDefault(h => h.Type == "decision");
        if (last is null || last.Actor != actor || last.Detail != decision.Decision) return null;
        if (await RaiseAsync(durable, task, actor, decision, cancellationToken)) return Accepted(task.Id, decision);

        // The review has ended. A host that died after raising but before clearing the flag leaves exactly this: the event
        // arrived and the review closed the task with it, so the repeat is answered as the first request would have been.
        await ClearPendingAsync(task.Id, cancellationToken);
        var (now, _) = await tasks.GetAsync(task.Id, cancellationToken);
        return now is not null && !now.IsOpen && now.DecidedBy == actor && (now.Decision == decision.Decision || decision.Decision == "request-correction")
            ? Accepted(task.Id, decision)
            : ApplicationHttp.Conflict($"The review of task {task.Id} has ended ({now?.Status}); the decision was not taken.");
    }

    /// <summary>Raises the decision and clears the task's pending flag; false (flag left) when the review has already ended.</summary>
    private async Task<bool> RaiseAsync(DurableTaskClient durable, ReviewTask task, string actor, DecisionRequest decision, CancellationToken cancellationToken)
    {
        try
        {
            await durable.RaiseEventAsync(task.InstanceId!, ReviewEvents.Decision,
                new DecisionMade(decision.Decision, actor, decision.Items, decision.SupplyWorkingDays), cancellationToken);
        }
        catch (InstanceNotRunningException)
        {
            return false;
        }

        await ClearPendingAsync(task.Id, cancellationToken);
        return true;
    }

    private Task ClearPendingAsync(string taskId, CancellationToken cancellationToken) =>
        tasks.UpdateAsync(taskId, t => t.DecisionEventPending ? t with { DecisionEventPending = false } : null, cancellationToken);

    private static IResult Accepted(string taskId, DecisionRequest decision) =>
        Results.Json(new { taskId, decision = decision.Decision }, statusCode: StatusCodes.Status202Accepted);

    /// <summary>A progress update from a department system: on the task's history and, as its latest step, in the case.</summary>
    public async Task<IResult?> RecordProgressAsync(ReviewTask task, string step, string? note, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var now = time.GetUtcNow();
        var text = note is null ? step : $"{step}: {note}";
        var saved = await tasks.UpdateAsync(task.Id, t => t with { Progress = text, History = [.. t.History, new TaskEvent(now, "progress", actor, text)] }, cancellationToken);
        if (saved is null) return ApplicationHttp.NotFound($"No task '{task.Id}'.");
        await applications.UpdateAsync(task.ApplicationId, a => a with
        {
            Stages = a.Stages.Select(s => s with { Tasks = s.Tasks.Select(t => t.Id == task.Id ? t with { Progress = text } : t).ToArray() }).ToArray(),
        }, cancellationToken);
        return null;
    }
}
