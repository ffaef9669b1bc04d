namespace OneWindow.Domain.Review;

/// <summary>
/// Delivery ids of inbound department webhooks, remembered so a replayed delivery has no effect. Each record carries
/// <c>expiresAt</c> (checked on read: the local Cosmos server ignores TTL) and a TTL for Azure.
/// </summary>
public interface IWebhookDeliveryStore
{
    /// <summary>True when the delivery id was recorded and has not expired.</summary>
    Task<bool> SeenAsync(string department, string deliveryId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records the delivery id; false when it was already recorded (and not expired).</summary>
    Task<bool> TryRememberAsync(string department, string deliveryId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);
}
