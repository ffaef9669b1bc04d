using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace OneWindow.Data.Applications;

/// <summary>Counters in the <c>counters</c> container: <c>{id, value}</c> advanced by a Cosmos patch increment.</summary>
internal sealed class CosmosCounters(Container counters)
{
    /// <summary>Advances counter <paramref name="id"/> (created at 0 when absent) and returns its new value.</summary>
    public async Task<int> NextAsync(string id, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await counters.PatchItemStreamAsync(id, new PartitionKey(id), [PatchOperation.Increment("/value", 1)], cancellationToken: cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                // First use: create the counter at 0 (a concurrent creator wins the same way), then increment.
                using var body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new { id, value = 0 }));
                using var created = await counters.CreateItemStreamAsync(body, new PartitionKey(id), cancellationToken: cancellationToken);
                if (created.StatusCode != HttpStatusCode.Conflict) created.EnsureSuccessStatusCode();
                continue;
            }

            response.EnsureSuccessStatusCode();
            using var document = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
            return document.RootElement.GetProperty("value").GetInt32();
        }

        throw new InvalidOperationException($"The counter {id} could not be advanced.");
    }
}
