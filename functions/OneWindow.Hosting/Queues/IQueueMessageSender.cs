namespace OneWindow.Hosting.Queues;

/// <summary>Enqueues messages for queue functions, carrying the current trace context.</summary>
public interface IQueueMessageSender
{
    /// <summary>Sends <paramref name="message"/> as JSON in a <see cref="QueueEnvelope"/> to <paramref name="queueName"/> (created if absent).</summary>
    Task SendAsync<T>(string queueName, T message, TimeSpan? visibilityDelay = null, CancellationToken cancellationToken = default);
}
