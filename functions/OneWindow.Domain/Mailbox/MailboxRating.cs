namespace OneWindow.Domain.Mailbox;

/// <summary>The writer's rating of one reply (1–5), once per reply.</summary>
public sealed record MailboxRating(int Round, int Score, string? Comment, DateTimeOffset At);
