namespace OneWindow.Domain.Review;

/// <summary>
/// Delivery ids and signatures of inbound department webhooks, remembered so a replayed delivery has no effect, under its
/// own delivery id or a new one. Each record carries
/// <c>expiresAt</c> (checked on read: the local Cosmos server ignores TTL) and a TTL for Azure.
/// </summary>
public interface IWebhookDeliveryStore
{
    /// <summary>True when the delivery id was recorded and has not expired.</summary>
    Task<bool> SeenAsync(string department, string deliveryId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records the delivery id; false when it was already recorded (and not expired).</summary>
    Task<bool> TryRememberAsync(string department, string deliveryId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a verified signature (the HMAC bytes, which cover the timestamp and the raw body); false when it was already
    /// recorded and has not expired: the same signed request sent again, whatever its delivery id.
    /// </summary>
    Task<bool> TryRememberSignatureAsync(string department, ReadOnlyMemory<byte> signature, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Deletes the records (delivery ids and signatures) expired by <paramref name="now"/>; returns how many.</summary>
    Task<int> SweepExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
