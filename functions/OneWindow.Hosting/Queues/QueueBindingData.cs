namespace OneWindow.Hosting.Queues;

/// <summary>What a queue function may ask for besides the message: bind a parameter of this type.</summary>
/// <param name="Id">The message id.</param>
/// <param name="DequeueCount">How many times the message has been received, this time included.</param>
/// <param name="InsertionTime">When the message was enqueued.</param>
/// <param name="PopReceipt">The receipt of this receive.</param>
public sealed record QueueBindingData(string Id, long DequeueCount, DateTimeOffset? InsertionTime, string PopReceipt);
