using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;

namespace OneWindow.DurableTask.AzureStorage;

/// <summary>
/// Shares the control-queue partitions between the hosts of a task hub with lease blobs in <c>&lt;hub&gt;-leases</c>:
/// <c>control-NN</c> (one per partition, metadata <c>owner</c>) and <c>hosts/&lt;worker id&gt;</c> (a heartbeat).
/// Every <see cref="AzureStorageOrchestrationServiceOptions.LeaseRenewInterval"/> a host renews its leases and its heartbeat
/// with ETag-conditional writes, lists the container and rebalances: it takes free or expired partitions up to its fair
/// share and gives extras back gracefully (stop polling, finish in-flight work, release). A lease or heartbeat is expired when
/// its ETag has not changed for <see cref="AzureStorageOrchestrationServiceOptions.LeaseInterval"/> by the observer's own
/// monotonic clock (so host clocks need not agree); the owner itself stops committing before that point. See decision 0101.
/// </summary>
internal sealed class PartitionManager
{
    private const string OwnerKey = "owner";
    private const string Free = "none";
    private readonly TaskHubStorage _storage;
    private readonly BlobContainerClient _container;
    private readonly TimeProvider _clock = TimeProvider.System;
    private readonly ILogger _logger;
    private readonly Func<PartitionLease, Task> _start;
    private readonly Func<PartitionLease, bool, Task> _stopped;
    private readonly Dictionary<string, (ETag ETag, long SeenAt)> _observed = new(StringComparer.Ordinal);
    private readonly Dictionary<int, PartitionLease> _owned = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public PartitionManager(TaskHubStorage storage, string workerId, ILogger logger, Func<PartitionLease, Task> start, Func<PartitionLease, bool, Task> stopped)
    {
        _storage = storage;
        _container = storage.Leases;
        WorkerId = workerId;
        _logger = logger;
        _start = start;
        _stopped = stopped;
    }

    public string WorkerId { get; }

    private AzureStorageOrchestrationServiceOptions Options => _storage.Options;

    /// <summary>The partitions this host owns now.</summary>
    public IReadOnlyList<int> Owned
    {
        get
        {
            lock (_owned)
            {
                return _owned.Keys.Order().ToList();
            }
        }
    }

    /// <summary>The lease of a partition this host owns, if any.</summary>
    public PartitionLease? LeaseOf(int partition)
    {
        lock (_owned)
        {
            return _owned.GetValueOrDefault(partition);
        }
    }

    public async Task CreateIfNotExistsAsync(CancellationToken cancellation)
    {
        foreach (var partition in _storage.Partitions)
        {
            try
            {
                await _container.GetBlobClient(BlobName(partition)).UploadAsync(BinaryData.Empty, new BlobUploadOptions
                {
                    Metadata = new Dictionary<string, string> { [OwnerKey] = Free },
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                }, cancellation).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
            }
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Options.LeaseRenewInterval, stop).ConfigureAwait(false);
                await CycleAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                _logger.LogWarning("Partition lease cycle of {WorkerId} failed with {ErrorType}.", WorkerId, e.GetType().FullName);
            }
        }
    }

    /// <summary>Renews, heartbeats, observes and rebalances once.</summary>
    public async Task CycleAsync(CancellationToken cancellation)
    {
        await _gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            await RenewAsync(cancellation).ConfigureAwait(false);
            await HeartbeatAsync(cancellation).ConfigureAwait(false);
            await BalanceAsync(cancellation).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Graceful stop: stops every partition loop, waits for in-flight work, releases the leases and removes the heartbeat.</summary>
    public async Task ReleaseAllAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var lease in Snapshot())
            {
                await ReleaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
            }

            try
            {
                await _container.GetBlobClient(HeartbeatName).DeleteIfExistsAsync().ConfigureAwait(false);
            }
            catch (RequestFailedException)
            {
                // Storage unreachable: the heartbeat simply goes stale.
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private string HeartbeatName => "hosts/" + WorkerId;

    private static string BlobName(ControlQueuePartition partition) => $"control-{partition.Index:D2}";

    private List<PartitionLease> Snapshot()
    {
        lock (_owned)
        {
            return _owned.Values.ToList();
        }
    }

    private async Task RenewAsync(CancellationToken cancellation)
    {
        foreach (var lease in Snapshot())
        {
            var started = _clock.GetTimestamp();
            try
            {
                var info = await _container.GetBlobClient(BlobName(lease.Partition)).SetMetadataAsync(
                    new Dictionary<string, string> { [OwnerKey] = WorkerId },
                    new BlobRequestConditions { IfMatch = lease.ETag },
                    cancellation).ConfigureAwait(false);
                lease.ETag = info.Value.ETag;
                lease.Renewed(started, Options.LeaseInterval);
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                await LoseAsync(lease, "taken by another host").ConfigureAwait(false);
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
            {
                _logger.LogWarning("Renewing the lease of partition {Partition} failed with {ErrorType}.", lease.Partition.Index, e.GetType().FullName);
            }

            if (!lease.IsHeld(TimeSpan.Zero) && LeaseOf(lease.Partition.Index) == lease)
            {
                await LoseAsync(lease, "expired").ConfigureAwait(false);
            }
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellation)
    {
        var blob = _container.GetBlobClient(HeartbeatName);
        try
        {
            await blob.SetMetadataAsync(new Dictionary<string, string> { ["beat"] = _clock.GetTimestamp().ToString(System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken: cancellation).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            await blob.UploadAsync(BinaryData.Empty, overwrite: true, cancellation).ConfigureAwait(false);
        }
    }

    private async Task BalanceAsync(CancellationToken cancellation)
    {
        var now = _clock.GetTimestamp();
        var partitions = new Dictionary<int, (ETag ETag, string Owner, bool Expired)>();
        var hosts = new HashSet<string>(StringComparer.Ordinal) { WorkerId };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in _container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix: null, cancellation).ConfigureAwait(false))
        {
            var etag = item.Properties.ETag ?? default;
            seen.Add(item.Name);
            if (!_observed.TryGetValue(item.Name, out var observed) || observed.ETag != etag)
            {
                observed = (etag, now);
                _observed[item.Name] = observed;
            }

            var stale = _clock.GetElapsedTime(observed.SeenAt, now) >= Options.LeaseInterval;
            if (item.Name.StartsWith("hosts/", StringComparison.Ordinal))
            {
                if (!stale)
                {
                    hosts.Add(item.Name["hosts/".Length..]);
                }
            }
            else if (item.Name.StartsWith("control-", StringComparison.Ordinal) && int.TryParse(item.Name["control-".Length..], out var index) && index < _storage.Partitions.Count)
            {
                var owner = item.Metadata.TryGetValue(OwnerKey, out var o) ? o : Free;
                partitions[index] = (etag, owner, owner == Free || stale || (owner == WorkerId && LeaseOf(index) is null));
            }
        }

        foreach (var gone in _observed.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            _observed.Remove(gone);
        }

        var total = _storage.Partitions.Count;
        var floor = total / hosts.Count;
        var ceiling = (total + hosts.Count - 1) / hosts.Count;
        var counts = hosts.ToDictionary(h => h, _ => 0, StringComparer.Ordinal);
        foreach (var (_, (_, owner, expired)) in partitions)
        {
            if (!expired && counts.TryGetValue(owner, out var count))
            {
                counts[owner] = count + 1;
            }
        }

        var owned = Snapshot();
        var starving = counts.Any(c => c.Key != WorkerId && c.Value < floor);
        if (owned.Count > ceiling || (owned.Count > floor && starving))
        {
            var extra = owned.Count > ceiling ? owned.Count - ceiling : 1;
            foreach (var lease in owned.OrderByDescending(l => l.Partition.Index).Take(extra))
            {
                _logger.LogInformation("Worker {WorkerId} gives partition {Partition} back ({Hosts} hosts).", WorkerId, lease.Partition.Index, hosts.Count);
                await ReleaseAsync(lease, cancellation).ConfigureAwait(false);
            }

            return;
        }

        var want = (starving ? floor : ceiling) - owned.Count;
        foreach (var (index, (etag, _, expired)) in partitions.OrderBy(p => p.Key))
        {
            if (want <= 0)
            {
                break;
            }

            if (!expired || LeaseOf(index) is not null)
            {
                continue;
            }

            if (await TryAcquireAsync(_storage.Partitions[index], etag, cancellation).ConfigureAwait(false))
            {
                want--;
            }
        }
    }

    private async Task<bool> TryAcquireAsync(ControlQueuePartition partition, ETag observed, CancellationToken cancellation)
    {
        var started = _clock.GetTimestamp();
        try
        {
            var info = await _container.GetBlobClient(BlobName(partition)).SetMetadataAsync(
                new Dictionary<string, string> { [OwnerKey] = WorkerId },
                new BlobRequestConditions { IfMatch = observed },
                cancellation).ConfigureAwait(false);
            var lease = new PartitionLease(partition, _clock) { ETag = info.Value.ETag };
            lease.Renewed(started, Options.LeaseInterval);
            lock (_owned)
            {
                _owned[partition.Index] = lease;
            }

            _logger.LogInformation("Worker {WorkerId} acquired partition {Partition}.", WorkerId, partition.Index);
            await _start(lease).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 409)
        {
            return false;
        }
    }

    private async Task ReleaseAsync(PartitionLease lease, CancellationToken cancellation)
    {
        await lease.Stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await lease.Loop.WaitAsync(Options.LeaseInterval, cancellation).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Partition {Partition} did not stop in time; releasing it anyway.", lease.Partition.Index);
        }

        lock (_owned)
        {
            _owned.Remove(lease.Partition.Index);
        }

        lease.Invalidate();
        await _stopped(lease, true).ConfigureAwait(false);
        try
        {
            await _container.GetBlobClient(BlobName(lease.Partition)).SetMetadataAsync(
                new Dictionary<string, string> { [OwnerKey] = Free },
                new BlobRequestConditions { IfMatch = lease.ETag },
                cancellation).ConfigureAwait(false);
            _logger.LogInformation("Worker {WorkerId} released partition {Partition}.", WorkerId, lease.Partition.Index);
        }
        catch (RequestFailedException e)
        {
            _logger.LogWarning("Releasing partition {Partition} failed with status {Status}; it expires instead.", lease.Partition.Index, e.Status);
        }
    }

    private async Task LoseAsync(PartitionLease lease, string why)
    {
        _logger.LogWarning("Worker {WorkerId} lost partition {Partition} ({Reason}).", WorkerId, lease.Partition.Index, why);
        lease.Invalidate();
        await lease.Stop.CancelAsync().ConfigureAwait(false);
        lock (_owned)
        {
            _owned.Remove(lease.Partition.Index);
        }

        await _stopped(lease, false).ConfigureAwait(false);
    }
}
