namespace OneWindow.Hosting.Queues;

/// <summary>Enqueues messages for queue functions, carrying the current trace context.</summary>
public interface IQueueMessageSender
{
    /// <summary>Sends <paramref name="message"/> as its own JSON, with a top-level <c>traceparent</c>, to <paramref name="queueName"/> (created if absent).</summary>
    Task SendAsync<T>(string queueName, T message, TimeSpan? visibilityDelay = null, CancellationToken cancellationToken = default);
}
