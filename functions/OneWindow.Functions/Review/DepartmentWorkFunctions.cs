using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Catalog;
using OneWindow.Domain.Review;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using OneWindow.Hosting.Durable;
using OneWindow.Functions.Applications;
using OneWindow.Hosting;
using OneWindow.Hosting.Identity;
using OneWindow.Orchestrations.Review;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Review;

/// <summary>
/// API.md "Department work": the worklist, decisions, suspension and resumption, extension (the chief's approval),
/// consultations and their answers. Each route checks, writes the task document under its ETag, then raises the event
/// the task's orchestration waits for; the orchestration moves the clock.
/// </summary>
public sealed class DepartmentWorkFunctions(
    IReviewTaskStore tasks,
    IWorklistStore worklists,
    ICatalogStore catalog,
    ICalendarStore calendars,
    TaskActions actions,
    TimeProvider time)
{
    private const string DepartmentRoles = PlatformRoles.Reviewer + "," + PlatformRoles.Chief;

    /// <summary>The largest (and default) worklist page.</summary>
    public const int MaxPageSize = 100;

    /// <summary>The response header carrying the token of the next worklist page, when there is one.</summary>
    public const string ContinuationHeader = "X-Continuation-Token";

    [Function("GetDepartmentWorklist")]
    [Authorize(Roles = DepartmentRoles + "," + PlatformRoles.Supervisor)]
    public async Task<IResult> WorklistAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/departments/{department}/tasks")] HttpRequest req, string department, CancellationToken cancellationToken)
    {
        var user = req.HttpContext.User;
        if (!user.HasRole(PlatformRoles.Supervisor) && user.Department() != department) return ApplicationHttp.Forbidden("You may read your own department's worklist only.");
        var status = req.Query["status"].ToString();
        if (status.Length == 0) status = "open";
        if (status != "open" && !ReviewTaskStatus.All.Contains(status)) return ApplicationHttp.Invalid("status", "status must be open or a task status (" + string.Join(", ", ReviewTaskStatus.All) + ").");
        var size = MaxPageSize;
        var sizeText = req.Query["pageSize"].ToString();
        if (sizeText.Length > 0 && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
            return ApplicationHttp.Invalid("pageSize", $"pageSize must be a whole number from 1 to {MaxPageSize}.");
        var token = req.Query["continuationToken"].ToString();
        long? position = null;
        if (token.Length > 0)
        {
            if (!WorklistCursor.TryDecode(token, status, out var decoded)) return ApplicationHttp.Invalid("continuationToken", $"continuationToken is not a token this worklist gave for status {status}.");
            position = decoded;
        }

        // Open tasks (a few dozen) come from the worklist document, in worklist order; decided ones from their status's list,
        // newest first. Either way a page and, when there is more, the token for the next one (header X-Continuation-Token).
        IReadOnlyList<WorklistEntry> page;
        long? next;
        if (status == "open" || ReviewTaskStatus.IsOpen(status))
        {
            var entries = await worklists.GetAsync(department, cancellationToken);
            var selected = WorklistEntry.Ordered(entries.Where(e => status == "open" ? ReviewTaskStatus.IsOpen(e.Status) : e.Status == status)).ToList();
            var offset = (int)Math.Min(position ?? 0, selected.Count);
            page = selected.Skip(offset).Take(size).ToList();
            next = offset + page.Count < selected.Count ? offset + page.Count : null;
        }
        else
        {
            (page, next) = await worklists.GetClosedAsync(department, status, position, size, cancellationToken);
        }

        if (next is { } continueAt) req.HttpContext.Response.Headers[ContinuationHeader] = WorklistCursor.Encode(status, continueAt);
        return Results.Json(page.Select(e => new
        {
            taskId = e.TaskId,
            applicationId = e.ApplicationId,
            number = e.Number,
            itemCode = e.ItemCode,
            kind = e.Kind,
            status = e.Status,
            warningAt = e.WarningAt,
            dueAt = e.DueAt,
            greenChannel = e.GreenChannel,
            decidedAt = e.DecidedAt,
        }));
    }

    /// <summary>The whole task document: deadlines, suspensions, extension, consultations and the history with its actors.</summary>
    [Function("GetTask")]
    [Authorize(Roles = DepartmentRoles + "," + PlatformRoles.Supervisor)]
    public async Task<IResult> GetTaskAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/tasks/{taskId}")] HttpRequest req, string taskId, CancellationToken cancellationToken)
    {
        var user = req.HttpContext.User;
        var (task, _, problem) = await actions.FindAsync(taskId, user.HasRole(PlatformRoles.Supervisor) ? null : user.Department() ?? "", cancellationToken);
        return problem ?? Results.Json(task);
    }

    [Function("DecideTask")]
    [Authorize(Roles = DepartmentRoles)]
    public async Task<IResult> DecideAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/tasks/{taskId}/decision")] HttpRequest req, string taskId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApplicationHttp.ReadJsonAsync(req, cancellationToken);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var decision = ReviewRequests.Decision((JsonObject)body!, opinionRequired: true, errors);
        if (decision is null) return ApplicationHttp.Invalid(errors);
        var user = req.HttpContext.User;
        return await actions.DecideAsync(durable, taskId, user.Department() ?? "", Actor(user), decision, cancellationToken,
            asChief: user.HasRole(PlatformRoles.Chief), uploaderHash: ApplicantOwner.HashOf(user.Subject()!));
    }

    [Function("SuspendTaskByDepartment")]
    [Authorize(Roles = DepartmentRoles)]
    public async Task<IResult> SuspendAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/tasks/{taskId}/suspension")] HttpRequest req, string taskId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApplicationHttp.ReadJsonAsync(req, cancellationToken);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var root = (JsonObject)body!;
        var reason = ReviewRequests.Text(root, "reason", true, 500, errors);
        var days = ReviewRequests.WholeNumber(root, "expectedWorkingDays", errors);
        if (days is < 1 or > 365) ReviewRequests.Add(errors, "expectedWorkingDays", "expectedWorkingDays must be 1 to 365.");
        if (errors.Count > 0) return ApplicationHttp.Invalid(errors);
        var user = req.HttpContext.User;
        var (task, etag, found) = await actions.FindAsync(taskId, user.Department() ?? "", cancellationToken);
        if (found is not null) return found;
        if (task!.Status != ReviewTaskStatus.InReview) return ApplicationHttp.Conflict($"Task {taskId} is {task.Status}: only a task in review can be suspended.");
        var now = time.GetUtcNow();
        var actor = Actor(user);
        var next = task with
        {
            Status = ReviewTaskStatus.Suspended,
            Suspensions = [.. task.Suspensions, new TaskSuspension(now, null, reason!, days!.Value)],
            History = [.. task.History, new TaskEvent(now, "suspended", actor, reason)],
        };
        if (!await tasks.TryReplaceAsync(next, etag!, cancellationToken)) return ApplicationHttp.Conflict($"Task {taskId} changed meanwhile; read it again.");
        await durable.RaiseEventAsync(task.InstanceId!, ReviewEvents.Suspension, new ClockEvent(now, actor, EventId: ReviewEvents.NewEventId()), cancellationToken);
        return Results.Json(new { taskId, status = next.Status, suspendedAt = now }, statusCode: StatusCodes.Status202Accepted);
    }

    [Function("ResumeTaskByDepartment")]
    [Authorize(Roles = DepartmentRoles)]
    public async Task<IResult> ResumeAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/tasks/{taskId}/resumption")] HttpRequest req, string taskId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var user = req.HttpContext.User;
        var (task, etag, found) = await actions.FindAsync(taskId, user.Department() ?? "", cancellationToken);
        if (found is not null) return found;
        if (task!.Status != ReviewTaskStatus.Suspended) return ApplicationHttp.Conflict($"Task {taskId} is {task.Status}, not suspended.");
        var now = time.GetUtcNow();
        var actor = Actor(user);
        var next = task with
        {
            Status = ReviewTaskStatus.InReview,
            Suspensions = task.Suspensions.Select(s => s.To is null ? s with { To = now } : s).ToArray(),
            History = [.. task.History, new TaskEvent(now, "resumed", actor)],
        };
        if (!await tasks.TryReplaceAsync(next, etag!, cancellationToken)) return ApplicationHttp.Conflict($"Task {taskId} changed meanwhile; read it again.");
        await durable.RaiseEventAsync(task.InstanceId!, ReviewEvents.Resumption, new ClockEvent(now, actor, EventId: ReviewEvents.NewEventId()), cancellationToken);
        return Results.Json(new { taskId, status = next.Status, resumedAt = now }, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The chief's approval of one extension, at most the item's cap (Art. 42); the applicant is told why.</summary>
    [Function("ApproveTaskExtension")]
    [Authorize(Roles = PlatformRoles.Chief)]
    public async Task<IResult> ExtendAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/tasks/{taskId}/extension")] HttpRequest req, string taskId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApplicationHttp.ReadJsonAsync(req, cancellationToken);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var root = (JsonObject)body!;
        var days = ReviewRequests.WholeNumber(root, "workingDays", errors);
        var reason = ReviewRequests.Text(root, "reason", true, 500, errors);
        if (days is <= 0) ReviewRequests.Add(errors, "workingDays", "workingDays must be a positive number of working days.");
        if (errors.Count > 0) return ApplicationHttp.Invalid(errors);
        var user = req.HttpContext.User;
        var now = time.GetUtcNow();
        var actor = Actor(user);

        // As for decisions: other writes to the task (a notice pushed, progress recorded) also move its ETag, so a lost
        // race is read and judged again; only a closed task or an extension already made refuses this one.
        for (var attempt = 1; ; attempt++)
        {
            var (task, etag, found) = await actions.FindAsync(taskId, user.Department() ?? "", cancellationToken);
            if (found is not null) return found;
            if (!task!.IsOpen) return ApplicationHttp.Conflict($"Task {taskId} is closed ({task.Status}).");
            if (task.ExtensionWorkingDays > 0) return ApplicationHttp.Invalid("workingDays", $"Task {taskId} was already extended once ({task.ExtensionWorkingDays} working days); the law allows one extension.");
            if (days > task.ExtensionCapWorkingDays) return ApplicationHttp.Invalid("workingDays", $"The extension cap of item {task.ItemCode} is {task.ExtensionCapWorkingDays} working days.");
            var next = task with
            {
                ExtensionWorkingDays = days!.Value,
                ExtensionReason = reason,
                History = [.. task.History, new TaskEvent(now, "extended", actor, $"{days} working days: {reason}")],
            };
            if (await tasks.TryReplaceAsync(next, etag!, cancellationToken))
            {
                await durable.RaiseEventAsync(task.InstanceId!, ReviewEvents.Extension, new ClockEvent(now, actor, EventId: ReviewEvents.NewEventId()), cancellationToken);
                return Results.Json(new { taskId, workingDays = days }, statusCode: StatusCodes.Status202Accepted);
            }

            if (attempt == 5) return ApplicationHttp.Conflict($"Task {taskId} kept changing while the extension was recorded; try again.");
        }
    }

    /// <summary>意见征询: asks another department; the consultation is a task of that department with its own short deadline.</summary>
    [Function("AskConsultation")]
    [Authorize(Roles = DepartmentRoles)]
    public async Task<IResult> ConsultAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/tasks/{taskId}/consultations")] HttpRequest req, string taskId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApplicationHttp.ReadJsonAsync(req, cancellationToken);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var root = (JsonObject)body!;
        var department = ReviewRequests.Text(root, "department", true, 100, errors);
        var question = ReviewRequests.Text(root, "question", true, ReviewRequests.MaxText, errors);
        var days = ReviewRequests.WholeNumber(root, "workingDays", errors);
        if (days is < 1 or > 30) ReviewRequests.Add(errors, "workingDays", "workingDays must be 1 to 30.");
        var user = req.HttpContext.User;
        if (department is not null && department == user.Department()) ReviewRequests.Add(errors, "department", "Consult another department.");
        else if (department is not null && await catalog.GetDepartmentAsync(department, cancellationToken) is null) ReviewRequests.Add(errors, "department", $"No department '{department}'.");
        if (errors.Count > 0) return ApplicationHttp.Invalid(errors);
        var (task, etag, found) = await actions.FindAsync(taskId, user.Department() ?? "", cancellationToken);
        if (found is not null) return found;
        if (!task!.IsOpen || task.Kind == ReviewTask.Consultation) return ApplicationHttp.Conflict($"Task {taskId} cannot ask for consultations ({task.Kind}, {task.Status}).");
        var now = time.GetUtcNow();
        var deadlines = ConsultationDeadlines.For(await calendars.GetCalendarAsync(cancellationToken), now, days!.Value);
        var due = deadlines.DueAt;
        var id = $"{task.Id}-c{task.Consultations.Count + 1}";
        var actor = Actor(user);
        var next = task with
        {
            Consultations = [.. task.Consultations, new TaskConsultation(id, department!, question!, due, null, null)],
            History = [.. task.History, new TaskEvent(now, "consultation-asked", actor, $"{id} → {department}")],
        };
        if (!await tasks.TryReplaceAsync(next, etag!, cancellationToken)) return ApplicationHttp.Conflict($"Task {taskId} changed meanwhile; read it again.");
        var consultation = new ReviewTask
        {
            Id = id,
            ApplicationId = task.ApplicationId,
            Number = task.Number,
            Kind = ReviewTask.Consultation,
            ItemCode = task.ItemCode,
            Department = department!,
            StageCode = task.StageCode,
            ParentTaskId = task.Id,
            Question = question,
            InstanceId = id,
            WorkingDays = days,
            Status = ReviewTaskStatus.InReview,
            GreenChannel = task.GreenChannel,
            StartedAt = now,
            WarningAt = deadlines.WarningAt,
            DueAt = due,
            ProvisionalYears = deadlines.ProvisionalYears,
            History = [new TaskEvent(now, "created", actor)],
        };
        await tasks.TryCreateAsync(consultation, cancellationToken);
        await worklists.PutAsync(department!, new WorklistEntry(id, task.ApplicationId, task.Number, task.ItemCode, ReviewTask.Consultation, consultation.Status, deadlines.WarningAt, due, task.GreenChannel), cancellationToken);

        // Its warning, due and overdue timers run in an instance of its own (the asking task's clock keeps running).
        await ConsultationTimers.StartAsync(durable, id, time, cancellationToken);
        return Results.Json(new { consultationId = id }, statusCode: StatusCodes.Status202Accepted);
    }

    [Function("AnswerConsultation")]
    [Authorize(Roles = DepartmentRoles)]
    public async Task<IResult> AnswerAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/consultations/{consultationId}/answer")] HttpRequest req, string consultationId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApplicationHttp.ReadJsonAsync(req, cancellationToken);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var opinion = ReviewRequests.Text((JsonObject)body!, "opinion", true, ReviewRequests.MaxText, errors);
        if (errors.Count > 0) return ApplicationHttp.Invalid(errors);
        var user = req.HttpContext.User;
        var (consultation, etag, found) = await actions.FindAsync(consultationId, user.Department() ?? "", cancellationToken);
        if (found is not null) return found;
        if (consultation!.Kind != ReviewTask.Consultation) return ApplicationHttp.NotFound($"No consultation '{consultationId}'.");
        if (!consultation.IsOpen) return ApplicationHttp.Conflict($"Consultation {consultationId} is {consultation.Status}: it was already answered, or its asking task closed.");
        var (asking, _) = await tasks.GetAsync(consultation.ParentTaskId!, cancellationToken);
        if (asking is not { IsOpen: true }) return ApplicationHttp.Conflict($"The asking task {consultation.ParentTaskId} is closed ({asking?.Status}): the answer can no longer be taken.");
        var now = time.GetUtcNow();
        var actor = Actor(user);
        var answered = consultation with
        {
            Status = ReviewTaskStatus.Approved,
            Decision = "answered",
            Opinion = opinion,
            DecidedAt = now,
            DecidedBy = actor,
            History = [.. consultation.History, new TaskEvent(now, "answered", actor)],
        };
        if (!await tasks.TryReplaceAsync(answered, etag!, cancellationToken)) return ApplicationHttp.Conflict($"Consultation {consultationId} was answered meanwhile.");
        await worklists.CloseAsync(consultation.Department, new WorklistEntry(consultation.Id, consultation.ApplicationId, consultation.Number, consultation.ItemCode, consultation.Kind, answered.Status, null, consultation.DueAt, consultation.GreenChannel, now), cancellationToken);
        var parent = await tasks.UpdateAsync(consultation.ParentTaskId!, t => t with
        {
            Consultations = t.Consultations.Select(c => c.Id == consultationId ? c with { Opinion = opinion, AnsweredAt = now } : c).ToArray(),
        }, cancellationToken);
        if (parent is { IsOpen: true, InstanceId: { } instance })
        {
            var answer = new ClockEvent(now, actor, consultationId, ReviewEvents.NewEventId());
            await durable.RaiseEventAsync(instance, ReviewEvents.ConsultationAnswer, answer, cancellationToken);
        }

        await ConsultationTimers.StopAsync(durable, consultation, new ClockEvent(now, actor, consultationId, ReviewEvents.NewEventId()), cancellationToken);
        return Results.Json(new { consultationId }, statusCode: StatusCodes.Status202Accepted);
    }

    private static string Actor(ClaimsPrincipal user) => "user:" + user.Subject();
}
