using System.Net;
using Microsoft.Azure.Cosmos;

namespace OneWindow.Data.Catalog;

/// <summary>Point reads and conditional writes of <see cref="CatalogDocument{T}"/> (no queries: BRIEF D4).</summary>
internal sealed class CosmosDocuments(Container container)
{
    /// <summary>
    /// The local Cosmos server answers 500 (not 404) to a point read of a missing document unless this
    /// header is present, because its partition-key check dereferences the missing document. Azure Cosmos
    /// DB ignores the header on point reads.
    /// </summary>
    private static readonly ItemRequestOptions ReadOptions = new()
    {
        AddRequestHeaders = headers => headers.Add("x-ms-documentdb-query-enablecrosspartition", "true"),
    };

    public async Task<(T? Value, string? ETag)> ReadAsync<T>(string id, string pk, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await container.ReadItemStreamAsync(id, new PartitionKey(pk), ReadOptions, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return (null, null);
        response.EnsureSuccessStatusCode();
        var document = await CatalogJson.ReadAsync<CatalogDocument<T>>(response.Content, cancellationToken);
        return (document.Body, response.Headers.ETag);
    }

    /// <summary>Creates the document; false when it already exists.</summary>
    public async Task<bool> TryCreateAsync<T>(string id, string pk, T body, CancellationToken cancellationToken)
    {
        using var stream = CatalogJson.Write(new CatalogDocument<T>(id, pk, body));
        using var response = await container.CreateItemStreamAsync(stream, new PartitionKey(pk), cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict) return false;
        response.EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>Replaces the document if its ETag still matches (or creates it when <paramref name="etag"/> is null); false on a lost race.</summary>
    public async Task<bool> TryWriteAsync<T>(string id, string pk, T body, string? etag, CancellationToken cancellationToken)
    {
        if (etag is null) return await TryCreateAsync(id, pk, body, cancellationToken);
        using var stream = CatalogJson.Write(new CatalogDocument<T>(id, pk, body));
        using var response = await container.ReplaceItemStreamAsync(stream, id, new PartitionKey(pk), new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken);
        if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound) return false;
        response.EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>Read-modify-write with optimistic concurrency, retried on lost races.</summary>
    public async Task UpdateAsync<T>(string id, string pk, Func<T?, T> change, CancellationToken cancellationToken)
        where T : class
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var (current, etag) = await ReadAsync<T>(id, pk, cancellationToken);
            if (await TryWriteAsync(id, pk, change(current), etag, cancellationToken)) return;
        }

        throw new InvalidOperationException($"Too much contention updating {id}.");
    }
}
