using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using OneWindow.Data.Applications;
using OneWindow.Domain.Review;

namespace OneWindow.Data.Review;

/// <summary>
/// Webhook delivery ids in the <c>webhook-deliveries</c> container: <c>delivery-&lt;department&gt;-&lt;SHA-256(id)&gt;</c>, and
/// verified signatures: <c>signature-&lt;department&gt;-&lt;HMAC hex&gt;</c>; each created if absent, with <c>expiresAt</c> (checked here) and a top-level <c>ttl</c> (honoured by Azure Cosmos DB when the
/// container has TTL enabled; the local server ignores it, so an expired record is overwritten rather than trusted).
/// Each record's id is also listed, before the record is written, in the bucket of the hour it expires in,
/// <c>expiry-&lt;yyyyMMddHH&gt;</c> (UTC), which <see cref="SweepExpiredAsync"/> walks hour by hour from <c>expiry-cursor</c>:
/// the local sweep needs no query (BRIEF D4).
/// </summary>
public sealed class CosmosWebhookDeliveryStore(Container container) : IWebhookDeliveryStore
{
    private readonly IdDocuments documents = new(container);

    public async Task<bool> SeenAsync(string department, string deliveryId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var (record, _) = await documents.ReadAsync<DeliveryRecord>(Id(department, deliveryId), cancellationToken);
        return record is not null && record.ExpiresAt > now;
    }

    public Task<bool> TryRememberAsync(string department, string deliveryId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        RememberAsync(Id(department, deliveryId), now, expiresAt, cancellationToken);

    public Task<bool> TryRememberSignatureAsync(string department, ReadOnlyMemory<byte> signature, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        RememberAsync($"signature-{department}-{Convert.ToHexStringLower(signature.Span)}", now, expiresAt, cancellationToken);

    public async Task<int> SweepExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var (cursor, _) = await documents.ReadAsync<SweepCursor>(CursorId, cancellationToken);
        // First sweep: records live two days at most, so a week back covers every bucket written before it.
        var hour = cursor?.Next ?? Hour(now - TimeSpan.FromDays(7));
        var deleted = 0;
        for (; hour + TimeSpan.FromHours(1) <= now; hour += TimeSpan.FromHours(1))
        {
            var bucket = BucketId(hour);
            foreach (var id in (await documents.ReadAsync<List<string>>(bucket, cancellationToken)).Value ?? [])
            {
                // A record replaced since (its id used again after it expired) lives on, and is listed in a later bucket.
                var (record, etag) = await documents.ReadAsync<DeliveryRecord>(id, cancellationToken);
                if (record is null || record.ExpiresAt > now || etag is null) continue;
                using var response = await container.DeleteItemStreamAsync(id, new PartitionKey(id), new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken);
                if (response.IsSuccessStatusCode) deleted++;
            }

            await documents.DeleteAsync(bucket, cancellationToken);
        }

        if (cursor?.Next != hour) await documents.UpdateAsync<SweepCursor>(CursorId, c => c is not null && c.Next >= hour ? null : new SweepCursor(hour), cancellationToken);
        return deleted;
    }

    /// <summary>Creates the record if absent, or replaces an expired one (ETag-guarded); false when a live one exists.</summary>
    private async Task<bool> RememberAsync(string id, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        // Listed first: a record is never written without the bucket that lets the sweep find it.
        await documents.UpdateAsync<List<string>>(BucketId(Hour(expiresAt)), ids => ids is not null && ids.Contains(id) ? null : [.. ids ?? [], id], cancellationToken);
        var ttl = (int)Math.Max(1, (expiresAt - now).TotalSeconds);
        var document = new StoredDelivery(id, new DeliveryRecord(now, expiresAt), ttl);
        if (await WriteAsync(document, null, cancellationToken)) return true;
        var (existing, etag) = await documents.ReadAsync<DeliveryRecord>(id, cancellationToken);
        if (existing is null || existing.ExpiresAt > now || etag is null) return false;
        return await WriteAsync(document, etag, cancellationToken);
    }

    /// <summary>Create (no ETag) or conditional replace, with <c>ttl</c> at the top level where Azure Cosmos DB reads it.</summary>
    private async Task<bool> WriteAsync(StoredDelivery document, string? etag, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(document, IdDocuments.Json));
        using var response = etag is null
            ? await container.CreateItemStreamAsync(stream, new PartitionKey(document.Id), cancellationToken: cancellationToken)
            : await container.ReplaceItemStreamAsync(stream, document.Id, new PartitionKey(document.Id), new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound) return false;
        response.EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>The delivery id is the sender's string: hashed so any characters make a valid, bounded document id.</summary>
    private static string Id(string department, string deliveryId) =>
        $"delivery-{department}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(deliveryId)))}";

    private const string CursorId = "expiry-cursor";

    private static DateTimeOffset Hour(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    private static string BucketId(DateTimeOffset hour) => "expiry-" + hour.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record DeliveryRecord(DateTimeOffset ReceivedAt, DateTimeOffset ExpiresAt);

    /// <summary>The first hour whose bucket has not been swept.</summary>
    private sealed record SweepCursor(DateTimeOffset Next);

    /// <summary>The stored shape of <see cref="IdDocuments"/> (<c>{id, body}</c>) plus the per-item <c>ttl</c> in seconds.</summary>
    private sealed record StoredDelivery(string Id, DeliveryRecord Body, int Ttl);
}
