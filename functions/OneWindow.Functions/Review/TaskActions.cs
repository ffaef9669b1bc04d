using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Catalog;
using OneWindow.Domain.Review;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using OneWindow.Hosting.Durable;
using OneWindow.Functions.Applications;
using OneWindow.Functions.Uploads;
using OneWindow.Orchestrations.Review;

namespace OneWindow.Functions.Review;

/// <summary>
/// What the worklist routes and the department webhook both do to a task, so both raise the same events. The task
/// document's ETag is the gate: a write made from a stale read fails, and the caller gets 409. A decision is written with
/// its outbox record (decision 0760), which the route and, if the route's host died first, the replay timer raise.
/// </summary>
public sealed class TaskActions(
    IReviewTaskStore tasks,
    IApplicationStore applications,
    ICatalogStore catalog,
    UploadVerification verification,
    IDecisionOutboxIndex outbox,
    DecisionOutboxOptions outboxOptions,
    TimeProvider time,
    ILogger<TaskActions> logger)
{
    /// <summary>The task if <paramref name="department"/> may act on it, else the problem to answer (404 unknown, 403 another department).</summary>
    public async Task<(ReviewTask? Task, string? ETag, IResult? Problem)> FindAsync(string taskId, string? department, CancellationToken cancellationToken)
    {
        var (task, etag) = await tasks.GetAsync(taskId, cancellationToken);
        if (task is null) return (null, null, ApplicationHttp.NotFound($"No task '{taskId}'."));
        if (department is not null && task.Department != department) return (null, null, ApplicationHttp.Forbidden($"Task {taskId} belongs to another department."));
        return (task, etag, null);
    }

    /// <summary>
    /// Records a decision and raises it. <paramref name="asChief"/>: the decider is the department's chief (or its system,
    /// which acts for the department); <paramref name="uploaderHash"/>: whose uploads a disclosed file may be (null: none).
    /// </summary>
    public async Task<IResult> DecideAsync(DurableTaskClient durable, string taskId, string department, string actor, DecisionRequest decision, CancellationToken cancellationToken,
        bool asChief = true, string? uploaderHash = null)
    {
        ArgumentNullException.ThrowIfNull(decision);
        TaskAnswer? answer = null;
        var answerChecked = false;

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
            var takes = TaskDecisions.Of(task);
            if (!takes.Contains(decision.Decision))
                return ApplicationHttp.Invalid("decision", $"Task {taskId} ({task.Kind}) takes {string.Join(", ", takes)}, not {decision.Decision}.");
            if (task.ChiefOnly && !asChief) return ApplicationHttp.Forbidden($"Task {taskId} is a reopened complaint: only the chief of {task.Department} answers it.");
            if (!answerChecked)
            {
                // Once, on the first read: a file is fixed into the case's evidence only for a decision the task takes.
                (answer, var invalid) = await AnswerAsync(task, decision, uploaderHash, cancellationToken);
                if (invalid is not null) return invalid;
                answerChecked = true;
            }

            var now = time.GetUtcNow();
            var record = new DecisionOutboxRecord(Guid.NewGuid().ToString("N"), now, decision.Decision, actor, decision.Items, decision.SupplyWorkingDays);
            var final = TaskDecisions.StatusOf(decision.Decision);
            var next = task with
            {
                Status = final,
                Decision = decision.Decision == "request-correction" ? task.Decision : decision.Decision,
                Opinion = decision.Opinion ?? task.Opinion,
                DecidedAt = final == ReviewTaskStatus.CorrectionRequired ? task.DecidedAt : now,
                DecidedBy = final == ReviewTaskStatus.CorrectionRequired ? task.DecidedBy : actor,
                Licence = decision.Licence ?? task.Licence,
                Answer = answer ?? task.Answer,
                History = [.. task.History, new TaskEvent(now, "decision", actor, decision.Decision)],
                Outbox = record,
            };

            // The index row first: a record written without one could only be found by a query (BRIEF D4).
            await outbox.AddAsync(new OutboxEntry(record.EventId, taskId, now), cancellationToken);
            if (await tasks.TryReplaceAsync(next, etag!, cancellationToken))
            {
                if (outboxOptions.SkipRaiseDepartment == department) return Accepted(taskId, decision); // test fault: the host "died" after the write
                if (await RaiseAsync(durable, next, cancellationToken)) return Accepted(taskId, decision);

                // The review ended between the read and the write (the case was terminated): the decision never reached
                // it, so the task goes back to what it was rather than showing a decision that had no effect.
                await tasks.UpdateAsync(taskId, t => t.Outbox?.EventId == record.EventId ? task : null, cancellationToken);
                await outbox.RemoveAsync(record.EventId, cancellationToken);
                return ApplicationHttp.Conflict($"The review of task {taskId} has ended; the decision was not recorded.");
            }

            await outbox.RemoveAsync(record.EventId, cancellationToken);

            if (attempt == 5) return ApplicationHttp.Conflict($"Task {taskId} kept changing while the decision was recorded; try again.");
        }
    }

    /// <summary>
    /// The particulars of an intake or handling decision, checked: the department handed to exists, and a disclosed file is
    /// the decider's own upload, fixed as the case's evidence copy (checked size and hash) before anything is recorded.
    /// Null particulars for decisions that have none; a 400 problem when one is wrong.
    /// </summary>
    private async Task<(TaskAnswer? Answer, IResult? Problem)> AnswerAsync(ReviewTask task, DecisionRequest decision, string? uploaderHash, CancellationToken cancellationToken)
    {
        if (decision.Department is { } code && await catalog.GetDepartmentAsync(code, cancellationToken) is null)
            return (null, ApplicationHttp.Invalid("department", $"There is no department '{code}'."));
        SubmittedMaterial? file = null;
        if (decision.FileUploadId is { } uploadId)
        {
            if (uploaderHash is null) return (null, ApplicationHttp.Invalid("fileUploadId", "A disclosed file is uploaded with /api/uploads and the answer given in the worklist (POST /api/tasks/{taskId}/decision)."));
            var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var fixedFiles = await verification.VerifyAsync([new MaterialReference("disclosed-information", uploadId)], uploaderHash, task.ApplicationId, errors, cancellationToken);
            if (errors.Count > 0) return (null, ApplicationHttp.Invalid("fileUploadId", string.Join(" ", errors.SelectMany(e => e.Value))));
            file = fixedFiles[0];
        }

        var clarifyDays = decision.Decision == TaskDecisions.Clarify ? decision.SupplyWorkingDays : null;
        if (decision.Department is null && decision.LegalGround is null && decision.ReferTo is null && file is null && clarifyDays is null) return (null, null);
        return (new TaskAnswer { Department = decision.Department, LegalGround = decision.LegalGround, ReferTo = decision.ReferTo, File = file, WorkingDays = clarifyDays }, null);
    }

    /// <summary>
    /// The same decider repeating a decision whose event may not have been raised (the write succeeded, the raise did not
    /// happen): raise its outbox record again. The event keeps the record's id, so the orchestration acts on it once. Null
    /// when there is nothing pending for this decider; else the answer to give (202, or 409 when the review ended without it).
    /// </summary>
    public async Task<IResult?> RaisePendingAsync(DurableTaskClient durable, ReviewTask task, string actor, DecisionRequest decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(decision);
        if (task.Outbox is not { } record || record.Actor != actor || record.Decision != decision.Decision) return null;
        if (await RaiseAsync(durable, task, cancellationToken)) return Accepted(task.Id, decision);

        // The review has ended. A host that died after raising but before clearing the record leaves exactly this: the event
        // arrived and the review closed the task with it, so the repeat is answered as the first request would have been.
        await ClearOutboxAsync(task.Id, record.EventId, cancellationToken);
        var (now, _) = await tasks.GetAsync(task.Id, cancellationToken);
        return now is not null && !now.IsOpen && now.DecidedBy == actor && (now.Decision == decision.Decision || decision.Decision == "request-correction")
            ? Accepted(task.Id, decision)
            : ApplicationHttp.Conflict($"The review of task {task.Id} has ended ({now?.Status}); the decision was not taken.");
    }

    /// <summary>
    /// The replay timer's pass over the outbox index: raises every record older than <see cref="DecisionOutboxOptions.MinAge"/>
    /// still on its task, and drops index rows whose record is gone (after <see cref="DecisionOutboxOptions.IndexGrace"/>,
    /// as the write may still be on its way). Returns how many decisions it raised.
    /// </summary>
    public async Task<int> ReplayOutboxAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var raised = 0;
        foreach (var entry in await outbox.GetAsync(cancellationToken))
        {
            var age = now - entry.At;
            if (age < outboxOptions.MinAge) continue;
            var (task, _) = await tasks.GetAsync(entry.TaskId, cancellationToken);
            if (task?.Outbox?.EventId == entry.EventId)
            {
                raised++;
                if (await RaiseAsync(durable, task, cancellationToken)) continue;

                // Nothing waits for it any more: the review ended (with this decision, if an earlier raise got through).
                logger.LogWarning("Decision outbox: the review of task {TaskId} has ended; record {EventId} dropped.", task.Id, entry.EventId);
                await ClearOutboxAsync(task.Id, entry.EventId, cancellationToken);
            }
            else if (age > outboxOptions.IndexGrace)
            {
                await outbox.RemoveAsync(entry.EventId, cancellationToken);
            }
        }

        return raised;
    }

    /// <summary>Raises the task's outbox record (with its event id) and clears it; false (record left) when the review has already ended.</summary>
    private async Task<bool> RaiseAsync(DurableTaskClient durable, ReviewTask task, CancellationToken cancellationToken)
    {
        var record = task.Outbox!;
        try
        {
            await durable.RaiseEventAsync(task.InstanceId!, ReviewEvents.Decision,
                new DecisionMade(record.Decision, record.Actor, record.Items, record.SupplyWorkingDays, record.EventId), cancellationToken);
        }
        catch (InstanceNotRunningException)
        {
            return false;
        }

        await ClearOutboxAsync(task.Id, record.EventId, cancellationToken);
        return true;
    }

    private async Task ClearOutboxAsync(string taskId, string eventId, CancellationToken cancellationToken)
    {
        await tasks.UpdateAsync(taskId, t => t.Outbox?.EventId == eventId ? t with { Outbox = null } : null, cancellationToken);
        await outbox.RemoveAsync(eventId, cancellationToken);
    }

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
