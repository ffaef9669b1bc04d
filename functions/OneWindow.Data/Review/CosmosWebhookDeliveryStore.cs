using Microsoft.Azure.Cosmos;
using OneWindow.Data.Applications;
using OneWindow.Domain.Review;

namespace OneWindow.Data.Review;

/// <summary>
/// Webhook delivery ids in the <c>webhook-deliveries</c> container: <c>delivery-&lt;department&gt;-&lt;SHA-256(id)&gt;</c>
/// created if absent, with <c>expiresAt</c> (checked here) and <c>ttl</c> (honoured by Azure Cosmos DB when the container
/// has a default TTL; the local server ignores it, so an expired record is overwritten rather than trusted).
/// </summary>
public sealed class CosmosWebhookDeliveryStore(Container container) : IWebhookDeliveryStore
{
    private readonly IdDocuments documents = new(container);

    public async Task<bool> SeenAsync(string department, string deliveryId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var (record, _) = await documents.ReadAsync<DeliveryRecord>(Id(department, deliveryId), cancellationToken);
        return record is not null && record.ExpiresAt > now;
    }

    public async Task<bool> TryRememberAsync(string department, string deliveryId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var id = Id(department, deliveryId);
        var ttl = (int)Math.Max(1, (expiresAt - now).TotalSeconds);
        if (await documents.TryCreateAsync(id, new DeliveryRecord(now, expiresAt, ttl), cancellationToken)) return true;
        var (existing, etag) = await documents.ReadAsync<DeliveryRecord>(id, cancellationToken);
        if (existing is null || existing.ExpiresAt > now || etag is null) return false;
        return await documents.TryReplaceAsync(id, new DeliveryRecord(now, expiresAt, ttl), etag, cancellationToken);
    }

    /// <summary>The delivery id is the sender's string: hashed so any characters make a valid, bounded document id.</summary>
    private static string Id(string department, string deliveryId) =>
        $"delivery-{department}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(deliveryId)))}";

    private sealed record DeliveryRecord(DateTimeOffset ReceivedAt, DateTimeOffset ExpiresAt, int Ttl);
}
