namespace OneWindow.Domain.Applications;

/// <summary>The SMS dedupe records, one per case and event.</summary>
public interface ISmsDeliveryStore
{
    /// <summary>Creates the record if absent, counts this attempt, and returns it as stored.</summary>
    Task<SmsDelivery> BeginAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task MarkSentAsync(string id, string? messageId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Marks a message given up (its queue message was poisoned); a later re-drive of the notice sends it again.</summary>
    Task MarkFailedAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records the gateway's delivery receipt on the record; false when there is no such record.</summary>
    Task<bool> RecordReceiptAsync(string id, string status, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<SmsDelivery?> GetAsync(string id, CancellationToken cancellationToken = default);
}
