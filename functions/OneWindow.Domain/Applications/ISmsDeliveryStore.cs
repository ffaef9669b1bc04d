namespace OneWindow.Domain.Applications;

/// <summary>The SMS dedupe records, one per case and event.</summary>
public interface ISmsDeliveryStore
{
    /// <summary>Creates the record if absent, counts this attempt, and returns it as stored.</summary>
    Task<SmsDelivery> BeginAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task MarkSentAsync(string id, string? messageId, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<SmsDelivery?> GetAsync(string id, CancellationToken cancellationToken = default);
}
