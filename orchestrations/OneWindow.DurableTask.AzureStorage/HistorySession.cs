using Azure;

namespace OneWindow.DurableTask.AzureStorage;

/// <summary>The history of the current execution of an instance and the sentinel ETag that guards the next append.</summary>
internal sealed class HistorySession
{
    public required string InstanceId { get; init; }

    public required string ExecutionId { get; init; }

    public required List<HistoryEvent> Events { get; init; }

    /// <summary>The sentinel row's ETag; default when no sentinel exists yet.</summary>
    public ETag SentinelETag { get; set; }

    /// <summary>The instance row as this host last wrote it (extended sessions: a running instance's row is not read again).</summary>
    public InstanceRow? Row { get; set; }

    /// <summary>When (<see cref="System.Diagnostics.Stopwatch"/> ticks) this host last wrote the row; 0 when never.</summary>
    public long RowWrittenAt { get; set; }

    /// <summary>Whether the sentinel row exists (it may belong to an older execution).</summary>
    public bool SentinelExists { get; set; }
}
