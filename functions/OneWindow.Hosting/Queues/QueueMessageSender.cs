using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
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
        var body = JsonSerializer.SerializeToElement(message, QueueJson.Options);
        var envelope = new QueueEnvelope(Activity.Current?.Id, body);
        var client = await created.GetOrAdd(queueName, name => new Lazy<Task<QueueClient>>(async () =>
        {
            var queue = queues.GetQueueClient(name);
            await queue.CreateIfNotExistsAsync().ConfigureAwait(false);
            return queue;
        })).Value.ConfigureAwait(false);
        await client.SendMessageAsync(
            JsonSerializer.Serialize(envelope, QueueJson.Options),
            visibilityDelay,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
