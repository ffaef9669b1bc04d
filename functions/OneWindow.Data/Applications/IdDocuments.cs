using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Azure.Cosmos;

namespace OneWindow.Data.Applications;

/// <summary>
/// Point reads and conditional writes of documents in a container partitioned by <c>/id</c>
/// (<c>{id, body}</c>, written with System.Text.Json through the stream API). No queries (BRIEF D4).
/// </summary>
internal sealed class IdDocuments(Container container)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The local Cosmos server answers 500 to a point read of a missing document without this header (see CosmosDocuments).</summary>
    private static readonly ItemRequestOptions ReadOptions = new()
    {
        AddRequestHeaders = headers => headers.Add("x-ms-documentdb-query-enablecrosspartition", "true"),
    };

    public Container Container => container;

    public async Task<(T? Value, string? ETag)> ReadAsync<T>(string id, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await container.ReadItemStreamAsync(id, new PartitionKey(id), ReadOptions, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return (null, null);
        response.EnsureSuccessStatusCode();
        var document = await JsonSerializer.DeserializeAsync<Stored<T>>(response.Content, Json, cancellationToken);
        return (document?.Body, response.Headers.ETag);
    }

    public async Task<bool> TryCreateAsync<T>(string id, T body, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new Stored<T>(id, body), Json));
        using var response = await container.CreateItemStreamAsync(stream, new PartitionKey(id), cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict) return false;
        response.EnsureSuccessStatusCode();
        return true;
    }

    public async Task<bool> TryReplaceAsync<T>(string id, T body, string etag, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new Stored<T>(id, body), Json));
        using var response = await container.ReplaceItemStreamAsync(stream, id, new PartitionKey(id), new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken);
        if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound) return false;
        response.EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>
    /// Read-modify-write with ETag retries; <paramref name="change"/> gets null when the document is absent and returns
    /// null to write nothing. Returns the value as stored afterwards.
    /// </summary>
    public async Task<T?> UpdateAsync<T>(string id, Func<T?, T?> change, CancellationToken cancellationToken)
        where T : class
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var (current, etag) = await ReadAsync<T>(id, cancellationToken);
            var next = change(current);
            if (next is null || ReferenceEquals(next, current)) return current;
            var written = etag is null ? await TryCreateAsync(id, next, cancellationToken) : await TryReplaceAsync(id, next, etag, cancellationToken);
            if (written) return next;
        }

        throw new InvalidOperationException($"Too much contention updating {id}.");
    }

    /// <summary>
    /// Puts <paramref name="entry"/> into the list document <paramref name="id"/>, replacing the entry with the same key
    /// (or adding it); no write when that entry is already there unchanged. The lists screens read (an applicant's
    /// cases, a department's worklist) are kept this way.
    /// </summary>
    public Task UpsertListEntryAsync<T>(string id, T entry, Func<T, bool> sameKey, CancellationToken cancellationToken) =>
        UpdateAsync<List<T>>(id, current =>
        {
            var list = current ?? [];
            var index = list.FindIndex(e => sameKey(e));
            if (index >= 0 && EqualityComparer<T>.Default.Equals(list[index], entry)) return null;
            var next = list.ToList();
            if (index >= 0) next[index] = entry;
            else next.Add(entry);
            return next;
        }, cancellationToken);

    /// <summary>Removes the entries matching <paramref name="match"/> from the list document <paramref name="id"/>; no write when there are none.</summary>
    public Task RemoveListEntriesAsync<T>(string id, Func<T, bool> match, CancellationToken cancellationToken) =>
        UpdateAsync<List<T>>(id, current => current is null || !current.Exists(e => match(e)) ? null : current.Where(e => !match(e)).ToList(), cancellationToken);

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await container.DeleteItemStreamAsync(id, new PartitionKey(id), cancellationToken: cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound) response.EnsureSuccessStatusCode();
    }

    internal sealed record Stored<T>(string Id, T Body);
}
