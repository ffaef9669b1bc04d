namespace OneWindow.DurableTask.AzureStorage;

/// <summary>A queue message: an event for an instance (control queue) or an activity invocation (work-item queue).</summary>
internal sealed record TaskMessage
{
    public required string InstanceId { get; init; }

    /// <summary>The execution the message belongs to; null for client events that target whatever execution is current.</summary>
    public string? ExecutionId { get; init; }

    public required HistoryEvent Event { get; init; }

    /// <summary>High-resolution send time: keeps events of one instance in the order they were raised.</summary>
    public long SentAtTicks { get; init; }

    /// <summary>W3C trace context, so the host's tracing can continue the trace.</summary>
    public string? TraceParent { get; init; }

    /// <summary>Set when the body was too large for the queue and lives in the large-message container.</summary>
    public string? BlobName { get; init; }
}
