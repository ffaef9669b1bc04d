namespace OneWindow.Domain.Applications;

/// <summary>
/// The dedupe record <c>sms-&lt;applicationId&gt;-&lt;event&gt;</c>: created before the first send, marked sent after it,
/// so a retried queue message sends at most once more only if the previous try never reached the gateway.
/// </summary>
public sealed record SmsDelivery(string Id, string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? MessageId)
{
    public const string Sending = "sending";
    public const string Sent = "sent";
}
