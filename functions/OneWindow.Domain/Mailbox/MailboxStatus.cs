namespace OneWindow.Domain.Mailbox;

/// <summary>The statuses of a mailbox letter, as its writer and the supervisors see them.</summary>
public static class MailboxStatus
{
    /// <summary>Waiting for the mailbox office to hand it to a department (within one working day).</summary>
    public const string Received = "received";
    /// <summary>With the department that answers it.</summary>
    public const string InProgress = "in-progress";
    /// <summary>Answered; the writer may rate the reply.</summary>
    public const string Replied = "replied";
    /// <summary>A complaint whose reply was rated 1–2: back with the department's chief.</summary>
    public const string Reopened = "reopened";
    /// <summary>Rated, or not rated within the rating period.</summary>
    public const string Closed = "closed";
}
