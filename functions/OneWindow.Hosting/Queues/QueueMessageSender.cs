using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;

namespace OneWindow.Hosting.Queues;

/// <summary>Sends enveloped JSON messages to Azure Storage queues.</summary>
/// <param name="queues">The queue service client.</param>
public sealed class QueueMessageSender(QueueServiceClient queues) : IQueueMessageSender
{
    private readonly ConcurrentDictionary<string, Lazy<Task<QueueClient>>> created = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task SendAsync<T>(string queueName, T message, TimeSpan? visibilityDelay = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        // The message is the payload's own JSON, as Azure's queue trigger binds it; the trace context rides along as a
        // top-level "traceparent" member that payload types ignore (the app's queue trace middleware reads it).
        var node = JsonSerializer.SerializeToNode(message, QueueJson.Options);
        if (node is JsonObject payload && Activity.Current?.Id is { } traceparent) payload["traceparent"] = traceparent;
        var client = await created.GetOrAdd(queueName, name => new Lazy<Task<QueueClient>>(async () =>
        {
            var queue = queues.GetQueueClient(name);
            await queue.CreateIfNotExistsAsync().ConfigureAwait(false);
            return queue;
        })).Value.ConfigureAwait(false);
        await client.SendMessageAsync(
            node?.ToJsonString(QueueJson.Options) ?? "null",
            visibilityDelay,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
