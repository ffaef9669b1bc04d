using Azure;

namespace OneWindow.DurableTask.AzureStorage;

/// <summary>
/// This host's claim on one partition: the lease blob's ETag from the last successful write and, by this host's own
/// monotonic clock, until when the claim is certainly still ours. Work items check <see cref="IsHeld"/> before they commit.
/// </summary>
internal sealed class PartitionLease(ControlQueuePartition partition, TimeProvider clock)
{
    private long _validUntil;

    public ControlQueuePartition Partition { get; } = partition;

    public ETag ETag { get; set; }

    /// <summary>Stops the partition's polling loop (lost or released).</summary>
    public CancellationTokenSource Stop { get; } = new();

    /// <summary>The partition's polling loop.</summary>
    public Task Loop { get; set; } = Task.CompletedTask;

    /// <summary>Records a successful write of the lease blob that started at <paramref name="requestStarted"/> (a timestamp of the clock).</summary>
    public void Renewed(long requestStarted, TimeSpan leaseInterval) =>
        Volatile.Write(ref _validUntil, requestStarted + (long)(leaseInterval.TotalSeconds * clock.TimestampFrequency));

    /// <summary>The time left on the claim.</summary>
    public TimeSpan Remaining
    {
        get
        {
            var left = Volatile.Read(ref _validUntil) - clock.GetTimestamp();
            return left <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)left / clock.TimestampFrequency);
        }
    }

    /// <summary>True while the claim lasts at least <paramref name="margin"/> more and the partition is not being given up.</summary>
    public bool IsHeld(TimeSpan margin) => !Stop.IsCancellationRequested && Remaining > margin;

    public void Invalidate() => Volatile.Write(ref _validUntil, 0);
}
