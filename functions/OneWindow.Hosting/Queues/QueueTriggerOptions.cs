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

    /// <summary>How long a received message stays invisible; renewed at half this while the function runs.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Delay before a failed message reappears (zero: at once).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Tries before a message moves to <c>&lt;queue&gt;-poison</c>.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>The storage connection string; falls back to <c>AzureWebJobsStorage</c>.</summary>
    public string? ConnectionString { get; set; }
}
