namespace OneWindow.Domain.Mailbox;

/// <summary>One reply to a letter: round 1 by the department, round 2 (a reopened complaint) by its chief.</summary>
public sealed record MailboxReply(int Round, string Text, string Department, string RepliedBy, DateTimeOffset RepliedAt);
