namespace OneWindow.Domain.Review;

/// <summary>
/// Queue message of a review SMS: references only. <see cref="Recipient"/> is <c>applicant</c>, <c>chief</c> or
/// <c>supervisor</c>; <see cref="Event"/> names the step (e.g. <c>warning</c>, <c>overdue-2</c>, <c>suspended-1</c>) and,
/// with the case and task ids, the dedupe key: one SMS per task (or case), event and recipient.
/// </summary>
public sealed record ReviewSmsNotice(string ApplicationId, string? TaskId, string Recipient, string Event)
{
    public const string Applicant = "applicant";
    public const string Chief = "chief";
    public const string Supervisor = "supervisor";
}
