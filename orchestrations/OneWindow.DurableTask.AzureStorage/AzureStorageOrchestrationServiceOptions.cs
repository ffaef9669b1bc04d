using Azure.Core;
using Microsoft.Extensions.Configuration;

namespace OneWindow.DurableTask.AzureStorage;

/// <summary>Settings of the durable runtime on Azure Storage (host.json <c>extensions:durableTask</c>).</summary>
public sealed class AzureStorageOrchestrationServiceOptions
{
    /// <summary>The task hub: prefix of tables (<c>&lt;hub&gt;Instances</c>, <c>&lt;hub&gt;History</c>), queues and the blob container. Letters and digits.</summary>
    public string TaskHubName { get; set; } = "OneWindow";

    /// <summary>Number of control queues (partitions), 1–16.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Visibility of a control message while its work item runs (renewed while in progress).</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Visibility of an activity message while the activity runs (renewed while in progress).</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait between polls of an idle queue.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest visibility delay of a queue message (Azure Storage allows 7 days); later timers are re-enqueued until due.</summary>
    public TimeSpan MaxQueueDelay { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Orchestration work items processed at once.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 16;

    /// <summary>Activities run at once.</summary>
    public int MaxConcurrentActivities { get; set; } = 16;

    /// <summary>Keep instances' history in memory between work items (the DTFx extended session); the ETag check still guards every append.</summary>
    public bool ExtendedSessionsEnabled { get; set; } = true;

    /// <summary>
    /// How long a host's claim on a partition (control queue) lasts without renewal; a dead host's partitions are taken
    /// over after this (host.json <c>storageProvider.leaseInterval</c>).
    /// </summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a host renews its partition leases, writes its heartbeat and rebalances (<c>storageProvider.leaseRenewInterval</c>).</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>This host's name in the lease blobs; a unique one (machine, process, random) when null.</summary>
    public string? WorkerId { get; set; }

    /// <summary>
    /// Run activities in the host that owns their orchestration (no work-item queue round trip); scheduling and completion
    /// are recorded in the instance's history batches and a recovery message re-dispatches work a dead host never finished.
    /// Activities this host has not registered still go through the work-item queue.
    /// </summary>
    public bool LocalActivityDispatch { get; set; } = true;

    /// <summary>A storage connection string (Azurite or Azure); alternatively set the service URIs and <see cref="Credential"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Blob service URI, used with <see cref="Credential"/>.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Queue service URI, used with <see cref="Credential"/>.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>Table service URI, used with <see cref="Credential"/>.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The identity used with the service URIs (e.g. a managed identity).</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>The clock for orchestration time and timers; the one from DI when null.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Reads host.json's <c>extensions:durableTask</c> section (hubName, storageProvider.*, maxConcurrent*, extendedSessionsEnabled).</summary>
    public void Bind(IConfiguration durableTaskSection)
    {
        ArgumentNullException.ThrowIfNull(durableTaskSection);
        TaskHubName = durableTaskSection["hubName"] ?? TaskHubName;
        var storage = durableTaskSection.GetSection("storageProvider");
        PartitionCount = ReadInt(storage["partitionCount"], PartitionCount);
        ControlQueueVisibilityTimeout = ReadSpan(storage["controlQueueVisibilityTimeout"], ControlQueueVisibilityTimeout);
        WorkItemQueueVisibilityTimeout = ReadSpan(storage["workItemQueueVisibilityTimeout"], WorkItemQueueVisibilityTimeout);
        MaxQueuePollingInterval = ReadSpan(storage["maxQueuePollingInterval"], MaxQueuePollingInterval);
        MaxQueueDelay = ReadSpan(storage["maxQueueDelay"], MaxQueueDelay);
        LeaseInterval = ReadSpan(storage["leaseInterval"], LeaseInterval);
        LeaseRenewInterval = ReadSpan(storage["leaseRenewInterval"], LeaseRenewInterval);
        if (bool.TryParse(storage["localActivityDispatch"], out var local))
        {
            LocalActivityDispatch = local;
        }

        MaxConcurrentActivities = ReadInt(durableTaskSection["maxConcurrentActivityFunctions"], MaxConcurrentActivities);
        MaxConcurrentOrchestrations = ReadInt(durableTaskSection["maxConcurrentOrchestratorFunctions"], MaxConcurrentOrchestrations);
        if (bool.TryParse(durableTaskSection["extendedSessionsEnabled"], out var sessions))
        {
            ExtendedSessionsEnabled = sessions;
        }
    }

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(TaskHubName) || !char.IsAsciiLetter(TaskHubName[0]) || !TaskHubName.All(char.IsAsciiLetterOrDigit) || TaskHubName.Length > 45)
        {
            throw new InvalidOperationException($"Task hub name '{TaskHubName}' must be 1-45 letters and digits starting with a letter.");
        }

        if (PartitionCount is < 1 or > 16)
        {
            throw new InvalidOperationException("PartitionCount must be between 1 and 16.");
        }

        if (LeaseRenewInterval <= TimeSpan.Zero || LeaseInterval < LeaseRenewInterval * 2)
        {
            throw new InvalidOperationException("LeaseInterval must be at least twice LeaseRenewInterval (a positive interval).");
        }

        if (ConnectionString is null && (BlobServiceUri is null || QueueServiceUri is null || TableServiceUri is null || Credential is null))
        {
            throw new InvalidOperationException("Set ConnectionString, or the blob, queue and table service URIs with a Credential.");
        }
    }

    private static int ReadInt(string? text, int fallback) => int.TryParse(text, out var value) ? value : fallback;

    private static TimeSpan ReadSpan(string? text, TimeSpan fallback) => TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
