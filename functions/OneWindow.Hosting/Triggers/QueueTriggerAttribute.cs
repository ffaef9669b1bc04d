namespace OneWindow.Hosting;

/// <summary>
/// Binds a parameter to messages of an Azure Storage queue. The parameter may be a JSON-deserialised type,
/// <c>string</c>, <c>BinaryData</c> or <c>Azure.Storage.Queues.Models.QueueMessage</c>.
/// </summary>
/// <remarks>
/// Batching, concurrency, visibility renewal, idle back-off and the <c>&lt;queue&gt;-poison</c> queue after
/// <c>maxDequeueCount</c> tries follow the <c>extensions:queues</c> section of host.json. The message id and
/// dequeue count are in <c>FunctionContext.BindingData</c> (<c>Id</c>, <c>DequeueCount</c>), and the
/// <c>QueueMessage</c> parameter type gives the raw message.
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class QueueTriggerAttribute(string queueName) : Attribute
{
    /// <summary>The queue name; <c>%Setting%</c> is replaced by the configuration value of that setting.</summary>
    public string QueueName { get; } = queueName;
}
