namespace OneWindow.Domain.Mailbox;

/// <summary>
/// An answered suggestion as the public list shows it (<c>GET /api/mailbox/public</c>): the number, subject, the
/// suggestion and the reply with any ID or phone number masked, the answering department and when. Never a name.
/// </summary>
public sealed record PublicReply(string Number, string Subject, string Content, string Reply, string Department, DateTimeOffset SubmittedAt, DateTimeOffset RepliedAt);
