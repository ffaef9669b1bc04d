namespace OneWindow.Hosting.Queues;

/// <summary>Queue trigger settings, bound from host.json <c>extensions:queues</c>.</summary>
public sealed class QueueTriggerOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "extensions:queues";

    /// <summary>Messages fetched per receive call (1–32).</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>A new batch is fetched once in-flight messages of a listener drop to this many.</summary>
    public int NewBatchThreshold { get; set; } = 8;

    /// <summary>Invocations running at once per listener (per queue function, per host process).</summary>
    public int MaxConcurrentCalls { get; set; } = 16;

    /// <summary>Upper bound of the idle back-off between polls.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// host.json <c>visibilityTimeout</c>, with Azure Functions' meaning: how long a message whose function failed stays
    /// invisible before it is tried again (Azure's default 0; ours 30 s, so a provider that is briefly down, or a circuit
    /// breaker that opened, is not retried into the poison queue within a second).
    /// </summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// <c>OneWindow:Queues:LeaseDuration</c>: how long a received message stays invisible while its function runs, renewed
    /// at half. Azure's host uses 10 minutes; the local host 30 s, so a killed host's messages come back quickly.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Tries before a message moves to <c>&lt;queue&gt;-poison</c>.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>The storage connection string; falls back to <c>AzureWebJobsStorage</c>.</summary>
    public string? ConnectionString { get; set; }
}
