namespace OneWindow.Domain.Disclosure;

/// <summary>
/// The office's request to make a disclosure request clearer (Art. 30: once, saying what to clarify and by when), and the
/// applicant's answer. An answer after <see cref="DueAt"/> is not taken: the request counts as withdrawn.
/// </summary>
public sealed record DisclosureClarification(string Question, DateTimeOffset AskedAt, string AskedBy, DateTimeOffset DueAt)
{
    public string? Text { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
}
