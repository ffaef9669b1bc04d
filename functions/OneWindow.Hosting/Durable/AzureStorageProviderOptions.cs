namespace OneWindow.Hosting.Durable;

/// <summary>host.json <c>extensions.durableTask.storageProvider</c> for the Azure Storage backend (Durable Functions' AzureStorageOptions).</summary>
public sealed class AzureStorageProviderOptions
{
    /// <summary>Control queues (1 to 16); fixed for the life of a task hub.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Messages fetched from a control queue at once.</summary>
    public int ControlQueueBatchSize { get; set; } = 32;

    /// <summary>Control-queue messages buffered in memory per partition.</summary>
    public int ControlQueueBufferThreshold { get; set; } = 256;

    /// <summary>How long a dequeued control message stays invisible (1 to 60 minutes).</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a dequeued activity message stays invisible.</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest back-off between polls of an empty queue.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Partitions are owned through the partition table (the default of Durable Functions 3.x).</summary>
    public bool UseTablePartitionManagement { get; set; } = true;

    /// <summary>Large messages are fetched from blobs by the engine.</summary>
    public bool FetchLargeMessagesAutomatically { get; set; } = true;

    /// <summary>The checks Durable Functions' AzureStorageOptions.Validate makes.</summary>
    public IEnumerable<string> Validate()
    {
        if (PartitionCount is < 1 or > 16) yield return "storageProvider.partitionCount must be an integer value between 1 and 16.";
        if (ControlQueueBatchSize <= 0) yield return "storageProvider.controlQueueBatchSize must be a non-negative integer.";
        if (ControlQueueBufferThreshold is < 1 or > 1000) yield return "storageProvider.controlQueueBufferThreshold must be between 1 and 1000.";
        if (ControlQueueVisibilityTimeout < TimeSpan.FromMinutes(1) || ControlQueueVisibilityTimeout > TimeSpan.FromMinutes(60))
        {
            yield return "storageProvider.controlQueueVisibilityTimeout must be between 1 and 60 minutes.";
        }

        if (MaxQueuePollingInterval <= TimeSpan.Zero) yield return "storageProvider.maxQueuePollingInterval must be non-negative.";
    }
}
