namespace OneWindow.Domain.Mailbox;

/// <summary>
/// A letter to the government mailbox (咨询、投诉、建议), kept on its case (<see cref="Applications.ApplicationRecord.Letter"/>):
/// accepted and handed to a department within one working day, answered within its item's deadline, the reply sent by SMS,
/// rated by the writer. An anonymous letter carries no personal data at all: no applicant, and none in its text.
/// </summary>
public sealed record MailboxLetter
{
    /// <summary>The reopening rule: a complaint's reply rated at most this reopens it once.</summary>
    public const int ReopenAtMost = 2;

    /// <summary>How long the writer may rate a reply, in working days from the reply; the letter closes after it unrated.</summary>
    public const int RatingWorkingDays = 10;

    /// <summary><see cref="MailboxLetterTypes"/>.</summary>
    public required string Type { get; init; }
    public required string Subject { get; init; }
    public required string Content { get; init; }
    public bool Anonymous { get; init; }

    /// <summary>The department the office handed it to.</summary>
    public string? Department { get; init; }
    public IReadOnlyList<MailboxReply> Replies { get; init; } = [];
    public IReadOnlyList<MailboxRating> Ratings { get; init; } = [];

    /// <summary>The round a rating now answers: the latest reply's, when it is not rated yet; else null (nothing to rate).</summary>
    public int? RatableRound => Replies.Count > 0 && Ratings.All(r => r.Round != Replies[^1].Round) && RatingOpen ? Replies[^1].Round : null;

    /// <summary>False once the rating period of the latest reply ended without a rating.</summary>
    public bool RatingOpen { get; init; } = true;

    /// <summary>True once a complaint went back to the department's chief (it happens at most once).</summary>
    public bool Reopened { get; init; }
}
