namespace OneWindow.Domain.Applications;

/// <summary>
/// The dedupe record <c>sms-&lt;applicationId&gt;-&lt;event&gt;</c>: created before the first send, marked sent after it,
/// so a retried queue message sends at most once more only if the previous try never reached the gateway.
/// </summary>
public sealed record SmsDelivery(string Id, string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? MessageId)
{
    public const string Sending = "sending";
    public const string Sent = "sent";

    /// <summary>Every queue try failed and the message landed in the poison queue (an alert was raised).</summary>
    public const string Failed = "failed";

    /// <summary>The gateway's delivery receipt (<c>delivered</c>, <c>failed</c>, ...), kept apart from <see cref="Status"/>, which decides sending.</summary>
    public string? ReceiptStatus { get; init; }

    public DateTimeOffset? ReceiptAt { get; init; }
}
