using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Catalog;
using OneWindow.Domain.Delivery;
using OneWindow.Domain.Disclosure;
using OneWindow.Domain.Mailbox;
using OneWindow.Domain.Review;
using OneWindow.Domain.Supervision;
using OneWindow.Hosting.Queues;

namespace OneWindow.Orchestrations.Enquiries;

/// <summary>
/// The activities of the disclosure and mailbox orchestrations: what a finished intake or handling task means for the
/// case (routed, clarification asked, answered, replied), the rating period and the reopening. Each is idempotent
/// (at-least-once): it compares the case with the step before writing; SMS are deduplicated per case and event (decision 0501).
/// The tasks themselves are the review machinery's (<see cref="Review.ReviewActivities"/>).
/// </summary>
public sealed class EnquiryActivities(
    IApplicationStore applications,
    IReviewTaskStore tasks,
    ICatalogStore catalog,
    ICalendarStore calendars,
    IPublicReplyStore publicReplies,
    IQueueMessageSender queue,
    CaseStatistics statistics,
    TimeProvider time,
    ILogger<EnquiryActivities> logger)
{
    public const string PlanEnquiry = "PlanEnquiry";
    public const string OpenEnquiryStage = "OpenEnquiryStage";
    public const string HandOver = "HandOver";
    public const string RequestClarification = "RequestClarification";
    public const string WithdrawDisclosure = "WithdrawDisclosure";
    public const string RecordDisclosureAnswer = "RecordDisclosureAnswer";
    public const string RecordReply = "RecordReply";
    public const string ExpireRating = "ExpireRating";
    public const string ReopenLetter = "ReopenLetter";
    public const string CloseLetter = "CloseLetter";

    /// <summary>SMS events of disclosure requests and letters (templates in the functions' Notifications).</summary>
    public const string AcceptedSms = "enquiry-accepted", ClarificationSms = "clarification", WithdrawnSms = "withdrawn",
        AnsweredSms = "disclosure-answered", ReopenedSms = "mailbox-reopened";

    /// <summary>The SMS event of the reply of <paramref name="round"/>.</summary>
    public static string RepliedSms(int round) => $"mailbox-replied-{round}";

    /// <summary>Default working days to clarify a disclosure request, when the office gave none.</summary>
    public const int DefaultClarificationWorkingDays = 15;

    [Function(PlanEnquiry)]
    public async Task<EnquiryPlan> PlanAsync([ActivityTrigger] string applicationId, CancellationToken cancellationToken)
    {
        var application = await RequireAsync(applicationId, cancellationToken);
        var item = await ItemAsync(application, cancellationToken);
        return new EnquiryPlan(item.Code, item.Department, application.Letter?.Type);
    }

    /// <summary>Puts the stage on the case (once); its task row is added when the task opens.</summary>
    [Function(OpenEnquiryStage)]
    public async Task OpenStageAsync([ActivityTrigger] EnquiryStage stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        await applications.UpdateAsync(stage.ApplicationId, a => a.Stages.Any(s => s.Code == stage.Code) ? null : a with
        {
            Stages = [.. a.Stages, new ApplicationStage(stage.Code, stage.Name, ReviewTaskStatus.InReview, stage.Department, [])],
        }, cancellationToken);
    }

    /// <summary>
    /// The office handed the request or letter over: the case is accepted from its receipt (the deadlines count from there),
    /// shows the department, and the applicant is told. Returns the department.
    /// </summary>
    [Function(HandOver)]
    public async Task<string> HandOverAsync([ActivityTrigger] EnquiryStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var task = await RequireTaskAsync(step.TaskId!, cancellationToken);
        var department = task.Answer?.Department ?? throw new InvalidOperationException($"Intake {task.Id} was handed over without a department.");
        var application = await RequireAsync(step.ApplicationId, cancellationToken);
        var receivedAt = application.Disclosure?.ReceivedAt ?? application.SubmittedAt;
        var deadlines = ItemDeadlines.For(await ItemAsync(application, cancellationToken), receivedAt, await calendars.GetCalendarAsync(cancellationToken));
        var saved = await applications.UpdateAsync(step.ApplicationId, a => a.AcceptedAt is not null ? null : a with
        {
            Status = a.Kind == CaseKinds.Disclosure ? DisclosureStatus.InProgress : MailboxStatus.InProgress,
            AcceptedAt = receivedAt,
            DueAt = deadlines.DueAt,
            LegalDueAt = deadlines.LegalDueAt,
            Provisional = deadlines.IsProvisional,
            Disclosure = a.Disclosure is { } d ? d with { HoldingDepartment = department } : null,
            Letter = a.Letter is { } l ? l with { Department = department } : null,
        }, cancellationToken) ?? throw Missing(step.ApplicationId);
        await applications.PutApplicantListEntryAsync(saved.OwnerHash, saved.ListEntry(), cancellationToken);
        await queue.SendAsync(ApplicationQueues.SmsOutbox, new SmsNotice(saved.Id, AcceptedSms), cancellationToken: cancellationToken);
        logger.LogInformation("Case {ApplicationId} handed over to {Department}, due {DueAt:o}.", saved.Id, department, saved.DueAt);
        return department;
    }

    /// <summary>The office asked to clarify the disclosure request: on the case with its deadline, and the applicant told. Returns the deadline.</summary>
    [Function(RequestClarification)]
    public async Task<DateTimeOffset> RequestClarificationAsync([ActivityTrigger] EnquiryStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var task = await RequireTaskAsync(step.TaskId!, cancellationToken);
        var askedAt = task.DecidedAt ?? time.GetUtcNow();
        var due = (await calendars.GetCalendarAsync(cancellationToken)).AddWorkingDays(askedAt, task.Answer?.WorkingDays ?? DefaultClarificationWorkingDays).At;
        var saved = await applications.UpdateAsync(step.ApplicationId, a => a.Disclosure is not { Clarification: null } d ? null : a with
        {
            Status = DisclosureStatus.ClarificationRequired,
            Disclosure = d with { Clarification = new DisclosureClarification(task.Opinion ?? "", askedAt, task.DecidedBy ?? "office", due) },
        }, cancellationToken) ?? throw Missing(step.ApplicationId);
        await applications.PutApplicantListEntryAsync(saved.OwnerHash, saved.ListEntry(), cancellationToken);
        await queue.SendAsync(ApplicationQueues.SmsOutbox, new SmsNotice(saved.Id, ClarificationSms), cancellationToken: cancellationToken);
        return saved.Disclosure!.Clarification!.DueAt;
    }

    /// <summary>
    /// The clarification deadline passed: the request counts as withdrawn (Art. 30). False when the clarification was
    /// written first (the route won the race; its event is on its way), and then nothing changes.
    /// </summary>
    [Function(WithdrawDisclosure)]
    public async Task<bool> WithdrawAsync([ActivityTrigger] EnquiryStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var now = time.GetUtcNow();
        var saved = await applications.UpdateAsync(step.ApplicationId, a => a.Status == DisclosureStatus.Withdrawn || a.Disclosure?.Clarification is not { AnsweredAt: null } ? null : a with
        {
            Status = DisclosureStatus.Withdrawn,
            DecidedAt = now,
        }, cancellationToken) ?? throw Missing(step.ApplicationId);
        if (saved.Status != DisclosureStatus.Withdrawn) return false;
        await applications.PutApplicantListEntryAsync(saved.OwnerHash, saved.ListEntry(), cancellationToken);
        await statistics.CaseFinishedAsync(saved, cancellationToken);
        await queue.SendAsync(ApplicationQueues.SmsOutbox, new SmsNotice(saved.Id, WithdrawnSms), cancellationToken: cancellationToken);
        logger.LogInformation("Disclosure request {ApplicationId} withdrawn: no clarification by its deadline.", saved.Id);
        return true;
    }

    /// <summary>
    /// The holding department answered: the answer (type, explanation, legal ground, referral, file) on the case, the
    /// applicant told. Returns true when a file goes on paper, by courier.
    /// </summary>
    [Function(RecordDisclosureAnswer)]
    public async Task<bool> RecordDisclosureAnswerAsync([ActivityTrigger] EnquiryStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var task = await RequireTaskAsync(step.TaskId!, cancellationToken);
        var answer = new DisclosureAnswer(task.Decision!, task.Opinion ?? "", task.Department, task.DecidedBy ?? task.Department, task.DecidedAt ?? time.GetUtcNow())
        {
            LegalGround = task.Answer?.LegalGround,
            ReferTo = task.Answer?.ReferTo,
            File = task.Answer?.File,
        };
        var saved = await applications.UpdateAsync(step.ApplicationId, a => a.Disclosure is not { Answer: null } d ? null : a with
        {
            Status = DisclosureStatus.Answered,
            DecidedAt = answer.AnsweredAt,
            DueAt = task.DueAt ?? a.DueAt,
            LegalDueAt = task.LegalDueAt ?? a.LegalDueAt,
            Disclosure = d with { Answer = answer },
            Delivery = d.Form == DisclosureForms.Paper && answer.File is not null ? new CaseDelivery { Status = DeliveryStatus.Pending, Documents = [answer.File.Code] } : a.Delivery,
        }, cancellationToken) ?? throw Missing(step.ApplicationId);
        await applications.PutApplicantListEntryAsync(saved.OwnerHash, saved.ListEntry(), cancellationToken);
        await statistics.CaseFinishedAsync(saved, cancellationToken);
        await queue.SendAsync(ApplicationQueues.SmsOutbox, new SmsNotice(saved.Id, AnsweredSms), cancellationToken: cancellationToken);
        logger.LogInformation("Disclosure request {ApplicationId} answered: {Answer} by {Department}.", saved.Id, answer.Type, answer.Department);
        return saved.Disclosure!.Form == DisclosureForms.Paper && saved.Disclosure.Answer!.File is not null;
    }

    /// <summary>
    /// The department (or, reopened, its chief) replied: the reply on the letter, sent by SMS, an answered suggestion on the
    /// public list. Returns when the rating period of this reply ends.
    /// </summary>
    [Function(RecordReply)]
    public async Task<DateTimeOffset> RecordReplyAsync([ActivityTrigger] EnquiryStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var task = await RequireTaskAsync(step.TaskId!, cancellationToken);
        var reply = new MailboxReply(step.Round, task.Opinion ?? "", task.Department, task.DecidedBy ?? task.Department, task.DecidedAt ?? time.GetUtcNow());
        var saved = await applications.UpdateAsync(step.ApplicationId, a => a.Letter is not { } l || l.Replies.Any(r => r.Round == step.Round) ? null : a with
        {
            Status = MailboxStatus.Replied,
            DecidedAt = a.DecidedAt ?? reply.RepliedAt,
            DueAt = step.Round == 1 ? task.DueAt ?? a.DueAt : a.DueAt,
            Letter = l with { Replies = [.. l.Replies, reply], RatingOpen = true },
        }, cancellationToken) ?? throw Missing(step.ApplicationId);
        var letter = saved.Letter!;
        var recorded = letter.Replies.First(r => r.Round == step.Round);
        await applications.PutApplicantListEntryAsync(saved.OwnerHash, saved.ListEntry(), cancellationToken);
        if (step.Round == 1) await statistics.CaseFinishedAsync(saved, cancellationToken);
        if (letter.Type == MailboxLetterTypes.Suggestion)
        {
            // Masked again at publication: a signed letter may carry its writer's numbers in its text.
            await publicReplies.PutAsync(WorkingDayCalendar.ToLocal(recorded.RepliedAt).Year, new PublicReply(saved.Number, PersonalDataScan.Mask(letter.Subject),
                PersonalDataScan.Mask(letter.Content), PersonalDataScan.Mask(recorded.Text), recorded.Department, saved.SubmittedAt, recorded.RepliedAt), cancellationToken);
        }

        await queue.SendAsync(ApplicationQueues.SmsOutbox, new SmsNotice(saved.Id, RepliedSms(step.Round)), cancellationToken: cancellationToken);
        logger.LogInformation("Letter {ApplicationId} replied (round {Round}) by {Department}.", saved.Id, step.Round, recorded.Department);
        return (await calendars.GetCalendarAsync(cancellationToken)).AddWorkingDays(recorded.RepliedAt, MailboxLetter.RatingWorkingDays).At;
    }

    /// <summary>The rating period of a reply ended: the rating, if one was written first (its score), else the period is closed (null).</summary>
    [Function(ExpireRating)]
    public async Task<int?> ExpireRatingAsync([ActivityTrigger] EnquiryStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var saved = await applications.UpdateAsync(step.ApplicationId, a => a.Letter is not { RatingOpen: true } l || l.Ratings.Any(r => r.Round == step.Round) ? null : a with
        {
            Letter = l with { RatingOpen = false },
        }, cancellationToken) ?? throw Missing(step.ApplicationId);
        return saved.Letter?.Ratings.FirstOrDefault(r => r.Round == step.Round)?.Score;
    }

    /// <summary>A complaint rated 1–2 goes back, once, to the department's chief. Returns when it was reopened (the rating's time).</summary>
    [Function(ReopenLetter)]
    public async Task<DateTimeOffset> ReopenAsync([ActivityTrigger] EnquiryStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var saved = await applications.UpdateAsync(step.ApplicationId, a => a.Letter is not { Reopened: false } l ? null : a with
        {
            Status = MailboxStatus.Reopened,
            Letter = l with { Reopened = true },
        }, cancellationToken) ?? throw Missing(step.ApplicationId);
        await applications.PutApplicantListEntryAsync(saved.OwnerHash, saved.ListEntry(), cancellationToken);
        await queue.SendAsync(ApplicationQueues.SmsOutbox, new SmsNotice(saved.Id, ReopenedSms), cancellationToken: cancellationToken);
        logger.LogInformation("Complaint {ApplicationId} reopened to the chief of {Department}.", saved.Id, saved.Letter?.Department);
        return saved.Letter!.Ratings.LastOrDefault(r => r.Round == step.Round - 1)?.At ?? time.GetUtcNow();
    }

    /// <summary>The letter is done: rated (without reopening) or not rated in time.</summary>
    [Function(CloseLetter)]
    public async Task CloseAsync([ActivityTrigger] EnquiryStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var saved = await applications.UpdateAsync(step.ApplicationId, a => a.Status == MailboxStatus.Closed ? null : a with { Status = MailboxStatus.Closed }, cancellationToken)
            ?? throw Missing(step.ApplicationId);
        await applications.PutApplicantListEntryAsync(saved.OwnerHash, saved.ListEntry(), cancellationToken);
    }

    private async Task<ApplicationRecord> RequireAsync(string id, CancellationToken cancellationToken) =>
        await applications.GetAsync(id, cancellationToken) ?? throw Missing(id);

    private async Task<ReviewTask> RequireTaskAsync(string taskId, CancellationToken cancellationToken) =>
        (await tasks.GetAsync(taskId, cancellationToken)).Task ?? throw new InvalidOperationException($"Task {taskId} not found.");

    private async Task<ServiceItem> ItemAsync(ApplicationRecord application, CancellationToken cancellationToken) =>
        await catalog.GetItemAsync(application.ItemCode!, application.CatalogVersion, cancellationToken)
        ?? throw new InvalidOperationException($"Item {application.ItemCode} v{application.CatalogVersion} not found.");

    private static InvalidOperationException Missing(string id) => new($"Case {id} not found.");
}
