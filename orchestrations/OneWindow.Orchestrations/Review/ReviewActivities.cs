using Microsoft.Extensions.Logging;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Catalog;
using OneWindow.Domain.Review;
using OneWindow.Domain.Supervision;
using OneWindow.Hosting;
using OneWindow.Hosting.Queues;
using OneWindow.Hosting.Time;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Orchestrations.Review;

/// <summary>
/// Activities of the review orchestrations. Each is idempotent (at-least-once): it compares the task document with
/// the step before writing, SMS are deduplicated per task, event and recipient by the SMS function, and department
/// notices carry a delivery id per task and type. Deadlines are computed here, on the I/O-backed calendar.
/// </summary>
public sealed partial class ReviewActivities(
    IApplicationStore applications,
    IReviewTaskStore tasks,
    IWorklistStore worklists,
    IAlertStore alerts,
    ICatalogStore catalog,
    ICalendarStore calendars,
    IQueueMessageSender queue,
    TimeProvider time,
    CaseStatistics statistics,
    ILogger<ReviewActivities> logger)
{
    public const string PlanReview = "PlanReview";
    public const string StartStage = "StartStage";
    public const string OpenTask = "OpenTask";
    public const string CloseTask = "CloseTask";
    public const string SuspendTask = "SuspendTask";
    public const string ResumeTask = "ResumeTask";
    public const string ExtendTask = "ExtendTask";
    public const string RequestTaskCorrection = "RequestTaskCorrection";
    public const string ApplyTaskCorrection = "ApplyTaskCorrection";
    public const string AttachConsultation = "AttachConsultation";
    public const string Escalate = "Escalate";
    public const string FinishReview = "FinishReview";

    /// <summary>Status of a correction notice left unanswered when its case ended.</summary>
    public const string ClosedCorrection = "closed";

    /// <summary>The stages and tasks StartReview wrote on the application document, in order.</summary>
    [Function(PlanReview)]
    public async Task<ReviewPlan> PlanAsync([ActivityTrigger] string applicationId, CancellationToken cancellationToken)
    {
        var application = await RequireApplicationAsync(applicationId, cancellationToken);
        var stages = application.Stages.Select(s =>
        {
            var lead = s.Tasks.FirstOrDefault(t => t.Department == s.LeadDepartment) ?? s.Tasks[0];
            return new PlannedStage(s.Code, s.LeadDepartment, lead.ItemCode,
                s.Tasks.Where(t => t.Kind == ReviewTask.Review).Select(t => new PlannedTask(t.Id, t.ItemCode, t.Department)).ToArray());
        }).ToArray();
        var deferred = application.Corrections.Any(c => c.Id == CorrectionRequest.DeferredId && c.Status is CorrectionRequest.Open or CorrectionRequest.Submitted);
        return new ReviewPlan(application.AcceptedAt ?? application.SubmittedAt, stages, deferred ? CorrectionRequest.DeferredId : null);
    }

    [Function(StartStage)]
    public async Task StartStageAsync([ActivityTrigger] StageStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        await applications.UpdateAsync(step.ApplicationId, a =>
        {
            var stage = a.Stages.FirstOrDefault(s => s.Code == step.StageCode);
            if (stage is null || stage.Status == ReviewTaskStatus.InReview) return null;
            return a with { Stages = a.Stages.Select(s => s.Code == step.StageCode ? s with { Status = ReviewTaskStatus.InReview } : s).ToArray() };
        }, cancellationToken);
    }

    /// <summary>Creates the task document (if absent), its worklist row and the push to the department's system; returns its deadlines.</summary>
    [Function(OpenTask)]
    public async Task<TaskDeadlines> OpenTaskAsync([ActivityTrigger] ReviewInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (existing, _) = await tasks.GetAsync(input.TaskId, cancellationToken);
        var task = existing;
        if (task is null)
        {
            var application = await RequireApplicationAsync(input.ApplicationId, cancellationToken);
            var item = await TermsAsync(application, input.ItemCode, input.Kind, cancellationToken);
            var green = item.GreenChannel is { Priority: true } || application.GreenChannel is not null;
            var deadlines = ItemDeadlines.For(item, input.StartedAt, await calendars.GetCalendarAsync(cancellationToken), green);
            task = new ReviewTask
            {
                Id = input.TaskId,
                ApplicationId = input.ApplicationId,
                Number = application.Number,
                Kind = input.Kind,
                ItemCode = input.ItemCode,
                Department = input.Department,
                StageCode = input.StageCode,
                InstanceId = input.TaskId,
                Status = ReviewTaskStatus.InReview,
                Decisions = input.Decisions ?? [],
                ChiefOnly = input.ChiefOnly,
                GreenChannel = green,
                ExtensionCapWorkingDays = item.ExtensionCapWorkingDays,
                StartedAt = input.StartedAt,
                WarningAt = deadlines.WarningAt,
                DueAt = deadlines.DueAt,
                LegalDueAt = deadlines.LegalDueAt,
                ProvisionalYears = deadlines.ProvisionalYears,
                History = application.GreenChannel is { } channel
                    ? [new TaskEvent(input.StartedAt, "created", "orchestration"), new TaskEvent(input.StartedAt, "green-channel", channel.Actor, channel.Reason)]
                    : [new TaskEvent(input.StartedAt, "created", "orchestration")],
            };
            if (!await tasks.TryCreateAsync(task, cancellationToken)) task = (await tasks.GetAsync(input.TaskId, cancellationToken)).Task!;
        }

        await MirrorAsync(task, cancellationToken);
        await statistics.TaskOpenedAsync(task, cancellationToken);
        await NotifyDepartmentAsync(task, DepartmentNotice.TaskAssigned, cancellationToken);
        logger.LogInformation("Task {TaskId} open for {Department}, due {DueAt:o}.", task.Id, task.Department, task.DueAt);
        return Deadlines(task);
    }

    /// <summary>
    /// The item as a task of <paramref name="kind"/> is held to it: as it is, except that an intake runs on the item's
    /// hand-off deadline (one working day unless the item says otherwise), with no green channel and no extension: it only
    /// accepts and routes.
    /// </summary>
    private async Task<ServiceItem> TermsAsync(ApplicationRecord application, string itemCode, string kind, CancellationToken cancellationToken)
    {
        var item = await ItemAsync(application, itemCode, cancellationToken);
        return kind == ReviewTask.Intake ? IntakeTerms(item) : item;
    }

    /// <summary>The terms of an intake task: the item's hand-off deadline as promised and legal deadline, nothing else.</summary>
    private static ServiceItem IntakeTerms(ServiceItem item)
    {
        var handOff = item.HandOffDeadline ?? DeadlinePeriod.OfWorkingDays(1);

        // The default warning (one working day before) would fire the moment a one-day intake opens: two hours before instead.
        var warning = handOff.WorkingDays is not null ? DeadlinePeriod.OfDuration(TimeSpan.FromHours(2)) : null;
        return item with { Deadline = handOff, LegalDeadline = handOff, Warning = warning, GreenChannel = null, ExtensionCapWorkingDays = 0 };
    }

    /// <summary>
    /// Closes the task: a decision already on the document stays (the route wrote it under the ETag gate); an open task is
    /// cancelled (reference <c>cancelled</c> or <c>correction-expired</c>). Alerts close, the worklist row goes, the
    /// department's system hears of a cancellation. Returns the task's final status.
    /// </summary>
    [Function(CloseTask)]
    public async Task<string> CloseTaskAsync([ActivityTrigger] TaskStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var cancelledNow = false;
        var task = await tasks.UpdateAsync(step.TaskId, t =>
        {
            // A task decided while suspended: its clock stopped for good at the decision.
            if (!t.IsOpen) return t.Suspensions.Any(x => x.To is null) ? t with { Suspensions = t.Suspensions.Select(x => x.To is null ? x with { To = t.DecidedAt ?? step.At } : x).ToArray() } : null;
            cancelledNow = true;
            return t with
            {
                Status = ReviewTaskStatus.Cancelled,
                DecidedAt = step.At,
                Decision = step.Reference ?? "cancelled",
                Suspensions = t.Suspensions.Select(x => x.To is null ? x with { To = step.At } : x).ToArray(),
                History = [.. t.History, new TaskEvent(step.At, "cancelled", step.Actor, step.Reference)],
            };
        }, cancellationToken) ?? throw new InvalidOperationException($"Task {step.TaskId} not found.");
        await alerts.CloseForTaskAsync(task.Id, cancellationToken);
        await CancelConsultationsAsync(task, step.At, cancellationToken);
        await MirrorAsync(task, cancellationToken);
        await statistics.TaskClosedAsync(task, cancellationToken);
        if (cancelledNow || task.Status == ReviewTaskStatus.Cancelled) await NotifyDepartmentAsync(task, DepartmentNotice.TaskCancelled, cancellationToken);
        logger.LogInformation("Task {TaskId} closed: {Status}.", task.Id, task.Status);
        return task.Status;
    }

    /// <summary>The suspension is on the document (route); mirror it and tell the applicant how long it is expected to take (Art. 45).</summary>
    [Function(SuspendTask)]
    public async Task SuspendTaskAsync([ActivityTrigger] TaskStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var task = await RequireTaskAsync(step.TaskId, cancellationToken);
        await MirrorAsync(task, cancellationToken);
        await queue.SendAsync(ReviewQueues.ReviewSms, new ReviewSmsNotice(task.ApplicationId, task.Id, ReviewSmsNotice.Applicant, $"suspended-{task.Suspensions.Count}"), cancellationToken: cancellationToken);
    }

    /// <summary>The resumption is on the document (route); the due time moves by the working time spent suspended.</summary>
    [Function(ResumeTask)]
    public Task<TaskDeadlines> ResumeTaskAsync([ActivityTrigger] TaskStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        return RecomputeAsync(step, "deadlines-moved", cancellationToken);
    }

    /// <summary>The extension approved by the chief is on the document (route); move the deadlines and tell the applicant why.</summary>
    [Function(ExtendTask)]
    public async Task<TaskDeadlines> ExtendTaskAsync([ActivityTrigger] TaskStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var deadlines = await RecomputeAsync(step, "deadlines-extended", cancellationToken);
        var task = await RequireTaskAsync(step.TaskId, cancellationToken);
        await queue.SendAsync(ReviewQueues.ReviewSms, new ReviewSmsNotice(task.ApplicationId, task.Id, ReviewSmsNotice.Applicant, "extended"), cancellationToken: cancellationToken);
        return deadlines;
    }

    /// <summary>
    /// A department's correction notice: everything to correct at once on the case (source department), the clock
    /// stopped until the answer, the applicant told by SMS. Returns the supply deadline, if one was set.
    /// </summary>
    [Function(RequestTaskCorrection)]
    public async Task<DateTimeOffset?> RequestTaskCorrectionAsync([ActivityTrigger] CorrectionStepInput step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        DateTimeOffset? due = null;
        if (step.SupplyWorkingDays is { } days and > 0) due = (await calendars.GetCalendarAsync(cancellationToken)).AddWorkingDays(step.At, days).At;
        var task = await tasks.UpdateAsync(step.TaskId, t => t.OpenCorrectionId == step.CorrectionId ? null : t with
        {
            Status = ReviewTaskStatus.CorrectionRequired,
            OpenCorrectionId = step.CorrectionId,
            Suspensions = [.. t.Suspensions, new TaskSuspension(step.At, null, "correction", 0)],
            History = [.. t.History, new TaskEvent(step.At, "correction-requested", step.Actor, step.CorrectionId)],
        }, cancellationToken) ?? throw new InvalidOperationException($"Task {step.TaskId} not found.");
        await applications.UpdateAsync(task.ApplicationId, a => a.Corrections.Any(c => c.Id == step.CorrectionId) ? null : a with
        {
            Corrections = [.. a.Corrections, new CorrectionRequest
            {
                Id = step.CorrectionId,
                Source = "department",
                Department = task.Department,
                Items = step.Items,
                RequestedAt = step.At,
                DueAt = due,
                SupplyWorkingDays = due is null ? null : step.SupplyWorkingDays,
                Status = CorrectionRequest.Open,
            }],
        }, cancellationToken);
        await MirrorAsync(task, cancellationToken);
        await queue.SendAsync(ReviewQueues.ReviewSms, new ReviewSmsNotice(task.ApplicationId, task.Id, ReviewSmsNotice.Applicant, step.CorrectionId), cancellationToken: cancellationToken);
        return due;
    }

    /// <summary>The applicant's corrections arrived: materials replaced, the notice resolved, the clock runs again, the department's system told.</summary>
    [Function(ApplyTaskCorrection)]
    public async Task<TaskDeadlines> ApplyTaskCorrectionAsync([ActivityTrigger] TaskStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        await applications.UpdateAsync((await RequireTaskAsync(step.TaskId, cancellationToken)).ApplicationId, a =>
        {
            var correction = a.Corrections.FirstOrDefault(c => c.Id == step.Reference);
            if (correction is null || correction.Status == CorrectionRequest.Resolved) return null;
            var replaced = correction.Materials.Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
            return a with
            {
                Materials = [.. a.Materials.Where(m => !replaced.Contains(m.Code)), .. correction.Materials],
                Corrections = a.Corrections.Select(c => c.Id == correction.Id ? c with { Status = CorrectionRequest.Resolved } : c).ToArray(),
            };
        }, cancellationToken);
        await tasks.UpdateAsync(step.TaskId, t => t.OpenCorrectionId != step.Reference ? null : t with
        {
            Status = ReviewTaskStatus.InReview,
            OpenCorrectionId = null,
            Suspensions = t.Suspensions.Select(s => s.To is null ? s with { To = step.At } : s).ToArray(),
            History = [.. t.History, new TaskEvent(step.At, "corrections-received", step.Actor, step.Reference)],
        }, cancellationToken);
        var deadlines = await RecomputeAsync(step, "deadlines-moved", cancellationToken);
        await NotifyDepartmentAsync(await RequireTaskAsync(step.TaskId, cancellationToken), DepartmentNotice.CorrectionReceived, cancellationToken);
        return deadlines;
    }

    /// <summary>A consultation answer (recorded on both tasks by the answer route) shows in the case as a consultation task.</summary>
    [Function(AttachConsultation)]
    public async Task AttachConsultationAsync([ActivityTrigger] TaskStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Reference is null) return;
        var (consultation, _) = await tasks.GetAsync(step.Reference, cancellationToken);
        if (consultation is not null) await MirrorAsync(consultation, cancellationToken);
        await tasks.UpdateAsync(step.TaskId, t => t.History.Any(h => h.Type == "consultation-answered" && h.Detail == step.Reference) ? null : t with
        {
            History = [.. t.History, new TaskEvent(step.At, "consultation-answered", step.Actor, step.Reference)],
        }, cancellationToken);
    }

    /// <summary>
    /// Warning (yellow alert, SMS to the chief representative), promised deadline (red alert, SMS to the chief and the
    /// supervisor, repeated each further working day: returns the next repeat) or legal deadline (legal-overdue alert to
    /// the supervisor, recorded for the department's statistics).
    /// </summary>
    [Function(Escalate)]
    public async Task<DateTimeOffset> EscalateAsync([ActivityTrigger] TaskStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var task = await RequireTaskAsync(step.TaskId, cancellationToken);
        var calendar = await calendars.GetCalendarAsync(cancellationToken);
        var level = step.Reference switch
        {
            "warning" => Alert.Warning,
            "overdue" => Alert.Overdue,
            "legal-overdue" => Alert.LegalOverdue,
            _ => throw new ArgumentOutOfRangeException(nameof(step), step.Reference, "Unknown escalation."),
        };
        var next = level == Alert.Overdue ? OverdueSchedule.NextAfter(calendar, task.DueAt ?? step.At, Math.Max(1, step.Round)) : step.At;
        if (!task.IsOpen) return next;
        var due = level == Alert.LegalOverdue ? task.LegalDueAt : task.DueAt;
        await alerts.RaiseAsync(new Alert(Alert.IdOf(task.Id, level), task.ApplicationId, task.Number, task.Id, task.Department, level, due, step.At), cancellationToken);
        var smsEvent = level == Alert.Overdue ? $"overdue-{step.Round}" : level;
        var recipients = level switch
        {
            Alert.Warning => new[] { ReviewSmsNotice.Chief },
            Alert.Overdue => [ReviewSmsNotice.Chief, ReviewSmsNotice.Supervisor],
            _ => [ReviewSmsNotice.Supervisor],
        };
        foreach (var recipient in recipients)
            await queue.SendAsync(ReviewQueues.ReviewSms, new ReviewSmsNotice(task.ApplicationId, task.Id, recipient, smsEvent), cancellationToken: cancellationToken);
        if (level == Alert.LegalOverdue) await alerts.RecordLegalOverdueAsync(task.Department, task.Id, cancellationToken);
        if (level == Alert.Overdue) await statistics.TaskOverdueAsync(task, step.At, cancellationToken);
        await tasks.UpdateAsync(task.Id, t => t.History.Any(h => h.Type == smsEvent) ? null : t with
        {
            History = [.. t.History, new TaskEvent(step.At, smsEvent, step.Actor)],
        }, cancellationToken);
        logger.LogInformation("Task {TaskId}: {Level} escalated (round {Round}).", task.Id, level, step.Round);
        return next;
    }

    /// <summary>The case's outcome: status, decision time, reason, the applicant's list and SMS.</summary>
    [Function(FinishReview)]
    public async Task FinishReviewAsync([ActivityTrigger] ReviewFinish finish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finish);
        var current = await RequireApplicationAsync(finish.ApplicationId, cancellationToken);
        var reason = finish.Reason;
        if (finish.Status == "rejected" && finish.Actor.StartsWith("task:", StringComparison.Ordinal))
        {
            var (rejecting, _) = await tasks.GetAsync(finish.Actor["task:".Length..], cancellationToken);
            reason = rejecting?.Opinion;
        }
        else if (reason == "correction-expired")
        {
            reason = "逾期未补正材料";
        }

        var saved = await applications.UpdateAsync(finish.ApplicationId, a => a.DecidedAt is not null && a.Status == finish.Status ? null : a with
        {
            Status = finish.Status,
            DecidedAt = finish.At,
            RejectionReason = finish.Status == "approved" ? null : reason,

            // A notice still open when the case ends can no longer be answered (the corrections route refuses non-open ones).
            Corrections = a.Corrections.Select(c => c.Status == CorrectionRequest.Open ? c with { Status = ClosedCorrection } : c).ToArray(),
            Stages = a.Stages.Select(s => s.Status == ReviewTaskStatus.Waiting || s.Status == ReviewTaskStatus.InReview
                ? s with { Status = StageStatus(s, finish.Status) }
                : s).ToArray(),
        }, cancellationToken) ?? current;
        await applications.PutApplicantListEntryAsync(saved.OwnerHash, saved.ListEntry(), cancellationToken);
        await statistics.CaseFinishedAsync(saved, cancellationToken);
        await queue.SendAsync(ReviewQueues.ReviewSms, new ReviewSmsNotice(saved.Id, null, ReviewSmsNotice.Applicant, finish.Status), cancellationToken: cancellationToken);
        logger.LogInformation("Application {ApplicationId} review ended: {Status}.", saved.Id, finish.Status);
    }

    private static string StageStatus(ApplicationStage stage, string caseStatus) =>
        stage.Tasks.All(t => t.Status == ReviewTaskStatus.Approved) ? ReviewTaskStatus.Approved
        : caseStatus == "approved" ? ReviewTaskStatus.Approved
        : stage.Tasks.Any(t => t.Status == ReviewTaskStatus.Rejected) ? ReviewTaskStatus.Rejected
        : ReviewTaskStatus.Cancelled;

    /// <summary>Recomputes the deadlines from the start with every suspension and the extension on the document, and records them.</summary>
    private async Task<TaskDeadlines> RecomputeAsync(TaskStep step, string historyType, CancellationToken cancellationToken)
    {
        var task = await RequireTaskAsync(step.TaskId, cancellationToken);
        var application = await RequireApplicationAsync(task.ApplicationId, cancellationToken);
        var item = await TermsAsync(application, task.ItemCode, task.Kind, cancellationToken);
        var suspensions = task.Suspensions.Select(s => new SuspendedInterval(s.From, s.To)).ToArray();
        // A case put on the green channel after the task opened: the task takes it with these deadlines, in one write.
        var green = task.GreenChannel || application.GreenChannel is not null;
        var d = ItemDeadlines.For(item, task.StartedAt, await calendars.GetCalendarAsync(cancellationToken), green,
            Math.Min(task.ExtensionWorkingDays, item.ExtensionCapWorkingDays), suspensions, step.At);
        var saved = await tasks.UpdateAsync(task.Id, t => t.DueAt == d.DueAt && t.WarningAt == d.WarningAt && t.LegalDueAt == d.LegalDueAt && t.ProvisionalYears.SequenceEqual(d.ProvisionalYears) && t.GreenChannel == green ? null : t with
        {
            WarningAt = d.WarningAt,
            DueAt = d.DueAt,
            LegalDueAt = d.LegalDueAt,
            ProvisionalYears = d.ProvisionalYears,
            GreenChannel = green,
            History = t.GreenChannel || application.GreenChannel is not { } channel
                ? [.. t.History, new TaskEvent(step.At, historyType, step.Actor, $"due {d.DueAt:o}")]
                : [.. t.History, new TaskEvent(step.At, "green-channel", channel.Actor, channel.Reason), new TaskEvent(step.At, historyType, step.Actor, $"due {d.DueAt:o}")],
        }, cancellationToken) ?? task;

        // Alerts whose moment is ahead again are no longer true.
        if (d.DueAt > step.At || d.WarningAt > step.At || d.LegalDueAt > step.At)
        {
            var open = await alerts.GetOpenAsync(cancellationToken);
            var stale = open.Where(a => a.TaskId == task.Id && (a.Level == Alert.Warning && d.WarningAt > step.At || a.Level == Alert.Overdue && d.DueAt > step.At || a.Level == Alert.LegalOverdue && d.LegalDueAt > step.At));
            foreach (var alert in stale.ToArray()) await alerts.CloseAsync(alert.Id, cancellationToken);
        }

        await MirrorAsync(saved, cancellationToken);
        return Deadlines(saved);
    }

    /// <summary>
    /// Mirrors a task into its case (stage row, case status while in review) and the department's worklist (open tasks; a
    /// closed one moves to the list of its status). The task document is the truth; these are views of it.
    /// </summary>
    private async Task MirrorAsync(ReviewTask task, CancellationToken cancellationToken)
    {
        var row = new DepartmentTask
        {
            Id = task.Id,
            Kind = task.Kind,
            ItemCode = task.ItemCode,
            Department = task.Department,
            Status = task.Status,
            WarningAt = task.WarningAt,
            DueAt = task.DueAt,
            LegalDueAt = task.LegalDueAt,
            DecidedAt = task.DecidedAt,
            Decision = task.Decision,
            Opinion = task.Opinion,
            Progress = task.Progress,
        };
        var saved = await applications.UpdateAsync(task.ApplicationId, a =>
        {
            var stages = a.Stages.Select(s =>
            {
                if (s.Code != task.StageCode) return s;
                var index = s.Tasks.ToList().FindIndex(t => t.Id == task.Id);
                var rows = s.Tasks.ToList();
                if (index >= 0) rows[index] = rows[index] with
                {
                    Kind = row.Kind, Status = row.Status, WarningAt = row.WarningAt, DueAt = row.DueAt, LegalDueAt = row.LegalDueAt,
                    DecidedAt = row.DecidedAt, Decision = row.Decision, Opinion = row.Opinion, Progress = row.Progress,
                };
                else rows.Add(row);
                return s with { Tasks = rows };
            }).ToArray();
            var status = a.Status is "in-review" or "correction-required" or "suspended" ? CaseStatus(stages) : a.Status;
            var next = a with { Stages = stages, Status = status };
            return Same(a, next) ? null : next;
        }, cancellationToken);
        if (saved is not null)
            await applications.PutApplicantListEntryAsync(saved.OwnerHash, saved.ListEntry(), cancellationToken);

        if (task.IsOpen)
            await worklists.PutAsync(task.Department, new WorklistEntry(task.Id, task.ApplicationId, task.Number, task.ItemCode, task.Kind, task.Status, task.WarningAt, task.DueAt, task.GreenChannel), cancellationToken);
        else
            await worklists.CloseAsync(task.Department, new WorklistEntry(task.Id, task.ApplicationId, task.Number, task.ItemCode, task.Kind, task.Status, task.WarningAt, task.DueAt, task.GreenChannel, task.DecidedAt), cancellationToken);
    }

    private static bool Same(ApplicationRecord a, ApplicationRecord b) =>
        a.Status == b.Status && a.Stages.Count == b.Stages.Count && a.Stages.Zip(b.Stages).All(p => p.First.Status == p.Second.Status && p.First.Tasks.SequenceEqual(p.Second.Tasks));

    /// <summary>While in review: correction-required when a department waits for corrections, suspended when every open task is.</summary>
    private static string CaseStatus(IReadOnlyList<ApplicationStage> stages)
    {
        var open = stages.SelectMany(s => s.Tasks).Where(t => ReviewTaskStatus.IsOpen(t.Status) && t.Status != ReviewTaskStatus.Waiting).ToArray();
        if (open.Any(t => t.Status == ReviewTaskStatus.CorrectionRequired)) return "correction-required";
        if (open.Length > 0 && open.All(t => t.Status == ReviewTaskStatus.Suspended)) return "suspended";
        return "in-review";
    }

    private async Task NotifyDepartmentAsync(ReviewTask task, string type, CancellationToken cancellationToken)
    {
        var department = await catalog.GetDepartmentAsync(task.Department, cancellationToken);
        if (department is not { HasOwnSystem: true, CallbackUrl: not null }) return;
        await queue.SendAsync(ReviewQueues.DepartmentNotices, new DepartmentNotice(type, task.Id), cancellationToken: cancellationToken);
    }

    private async Task<ServiceItem> ItemAsync(ApplicationRecord application, string itemCode, CancellationToken cancellationToken) =>
        await catalog.GetItemAsync(itemCode, application.ItemCode == itemCode ? application.CatalogVersion : null, cancellationToken)
        ?? throw new InvalidOperationException($"Item {itemCode} not found.");

    private async Task<ApplicationRecord> RequireApplicationAsync(string id, CancellationToken cancellationToken) =>
        await applications.GetAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Application {id} not found.");

    private async Task<ReviewTask> RequireTaskAsync(string id, CancellationToken cancellationToken) =>
        (await tasks.GetAsync(id, cancellationToken)).Task ?? throw new InvalidOperationException($"Task {id} not found.");

    private TaskDeadlines Deadlines(ReviewTask t) => new(t.WarningAt ?? t.StartedAt, t.DueAt ?? t.StartedAt, t.LegalDueAt ?? t.StartedAt, DevelopmentClock.OffsetOf(time));
}
