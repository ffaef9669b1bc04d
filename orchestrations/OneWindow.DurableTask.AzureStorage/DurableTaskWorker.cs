using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OneWindow.DurableTask.AzureStorage;

/// <summary>
/// Runs orchestrations and activities of one task hub as one of possibly several hosts: polls the control queues and inbox
/// rows of the partitions it holds a lease on (<see cref="OwnedPartitions"/>), runs those orchestrations' activities in this
/// host, and polls the work-item queue for activities sent by other hosts. Graceful stop: stops taking work, finishes
/// in-flight work items and releases its partitions; anything unfinished comes back after the visibility timeout or by recovery.
/// </summary>
public sealed class DurableTaskWorker : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan RetryLater = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RowTouchInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BatchGatherDelay = TimeSpan.FromMilliseconds(25);

    private readonly TaskHubStorage _storage;
    private readonly DurableTaskRegistry _registry;
    private readonly TimeProvider _time;
    private readonly DataConverter _converter;
    private readonly IServiceProvider? _services;
    private readonly ILogger _logger;
    private readonly OrchestrationExecutor _executor;
    private readonly ConcurrentDictionary<string, HistorySession> _cache = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _orchestrationSlots;
    private readonly SemaphoreSlim _activitySlots;
    private readonly ConcurrentDictionary<Task, byte> _activities = new();
    private CancellationTokenSource? _stopping;
    private CancellationTokenSource _abandon = new();
    private List<Task> _loops = [];
    private PartitionManager? _partitions;
    private readonly ConcurrentDictionary<string, byte> _abandonedHere = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _instanceGates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<TaskMessage>> _localInbox = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _kicked = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _localRunning = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _recoveryPending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _inboxDone = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _inboxDeferred = new(StringComparer.Ordinal);
    private readonly int[] _busy;
    private long _activitiesRecovered;
    private long _workItems;
    private long _inFlight;
    private long _redelivered;
    private long _activitiesRun;

    /// <summary>Creates a worker.</summary>
    public DurableTaskWorker(
        AzureStorageOrchestrationServiceOptions options,
        DurableTaskRegistry registry,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        IServiceProvider? services = null,
        DataConverter? converter = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registry);
        _time = options.TimeProvider ?? timeProvider ?? TimeProvider.System;
        _storage = new TaskHubStorage(options, _time);
        _registry = registry;
        _converter = converter ?? JsonDataConverter.Default;
        _services = services;
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<DurableTaskWorker>();
        _executor = new OrchestrationExecutor(registry, _converter, loggerFactory);
        _orchestrationSlots = new SemaphoreSlim(Math.Max(1, options.MaxConcurrentOrchestrations));
        _activitySlots = new SemaphoreSlim(Math.Max(1, options.MaxConcurrentActivities));
        _busy = new int[Math.Max(1, options.PartitionCount)];
        WorkerId = options.WorkerId ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
    }

    private AzureStorageOrchestrationServiceOptions Options => _storage.Options;

    /// <summary>Creates the task hub's tables, queues and container if needed and starts polling.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _storage.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        _stopping = new CancellationTokenSource();
        _abandon = new CancellationTokenSource();
        var stop = _stopping.Token;
        _partitions = new PartitionManager(_storage, WorkerId, _logger, lease => StartPartitionAsync(lease, stop), PartitionStoppedAsync);
        await _partitions.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

        // The first round runs before start returns, so a lone host owns its partitions at once.
        await _partitions.CycleAsync(cancellationToken).ConfigureAwait(false);
        var manager = _partitions;
        _loops = [Task.Run(() => manager.RunAsync(stop), CancellationToken.None), Task.Run(() => ActivityLoopAsync(stop), CancellationToken.None)];
        _logger.LogInformation("Durable task worker {WorkerId} started on hub {Hub} with {Partitions} partitions, owning {Owned}.", WorkerId, Options.TaskHubName, _storage.Partitions.Count, _partitions.Owned.Count);
    }

    /// <summary>The worker's storage (tests reach its fault hooks through it).</summary>
    internal TaskHubStorage Storage => _storage;

    /// <summary>This host's name in the partition lease blobs.</summary>
    public string WorkerId { get; }

    /// <summary>Counters since start: work items, in-flight work, redeliveries, activities.</summary>
    public WorkerMetrics Metrics => new(Interlocked.Read(ref _workItems), Interlocked.Read(ref _inFlight), Interlocked.Read(ref _redelivered), Interlocked.Read(ref _activitiesRun), Interlocked.Read(ref _activitiesRecovered));

    private void Abandoned(string messageId)
    {
        if (_abandonedHere.Count > 100_000)
        {
            _abandonedHere.Clear();
        }

        _abandonedHere[messageId] = 0;
    }

    private void CountRedeliveries(IEnumerable<QueueMessage> received)
    {
        foreach (var raw in received)
        {
            if (raw.DequeueCount > 1 && !_abandonedHere.ContainsKey(raw.MessageId))
            {
                Interlocked.Increment(ref _redelivered);
            }
        }
    }

    /// <summary>The partitions (control queues) this host owns now.</summary>
    public IReadOnlyList<int> OwnedPartitions => _partitions?.Owned ?? [];

    private Task StartPartitionAsync(PartitionLease lease, CancellationToken stop)
    {
        var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, lease.Stop.Token);
        lease.Loop = Task.Run(async () =>
        {
            using (linked)
            {
                await ControlLoopAsync(lease, linked.Token).ConfigureAwait(false);
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task PartitionStoppedAsync(PartitionLease lease, bool graceful)
    {
        // The lease is invalid now, so no new work item of the partition commits; let those past their check finish
        // before the partition is given to another host (bounded: a lost partition may already have a new owner).
        var waited = Stopwatch.StartNew();
        while (graceful && Volatile.Read(ref _busy[lease.Partition.Index]) > 0 && waited.Elapsed < Options.LeaseInterval)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }

        // Another host may change these instances from now on: forget what this host remembers of them.
        foreach (var instanceId in _cache.Keys.Concat(_localInbox.Keys).Concat(_recoveryPending.Keys).ToList())
        {
            if (_storage.PartitionOf(instanceId) == lease.Partition)
            {
                _cache.TryRemove(instanceId, out _);
                _recoveryPending.TryRemove(instanceId, out _);
                DropLocal(instanceId);
            }
        }

        foreach (var (instanceId, gate) in _instanceGates)
        {
            if (gate.CurrentCount == 1 && _storage.PartitionOf(instanceId) == lease.Partition)
            {
                _instanceGates.TryRemove(instanceId, out _);
            }
        }

        if (_inboxDeferred.Count > 10_000)
        {
            // Rows another host consumed never come back to clear their entries.
            _inboxDeferred.Clear();
        }

        foreach (var key in _localRunning.Keys)
        {
            if (_storage.PartitionOf(key[..key.IndexOf('\n', StringComparison.Ordinal)]) == lease.Partition)
            {
                _localRunning.TryRemove(key, out _);
            }
        }
    }

    /// <summary>
    /// Stops taking work and waits for in-flight work items. When <paramref name="cancellationToken"/> fires first, running
    /// activities' messages are abandoned (visible again at once, so another host runs them; a late result is dropped as a duplicate).
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        var all = Task.WhenAll(_loops.Concat(_activities.Keys));
        if (_partitions is { } partitions)
        {
            // Partition loops end with the stop token; release the leases once their in-flight work items are done.
            all = Task.WhenAll(all, partitions.ReleaseAllAsync());
        }

        await Task.WhenAny(all, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
        if (!all.IsCompleted)
        {
            await _abandon.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(Task.WhenAll(_loops), Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None)).ConfigureAwait(false);
        }

        _stopping.Dispose();
        _stopping = null;
        _logger.LogInformation("Durable task worker stopped on hub {Hub}.", Options.TaskHubName);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);

        // The semaphores stay undisposed: an abandoned activity may still release its slot later.
        _abandon.Dispose();
    }

    private async Task ControlLoopAsync(PartitionLease partitionLease, CancellationToken stop)
    {
        var partition = partitionLease.Partition;
        var idle = MinPollingInterval;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var received = (await partition.Queue.ReceiveMessagesAsync(32, Options.ControlQueueVisibilityTimeout, stop).ConfigureAwait(false)).Value;
                var inbox = await _storage.ReadInboxAsync(partition, 100, InboxDue, stop).ConfigureAwait(false);
                if (received.Length == 0 && inbox.Count == 0)
                {
                    await Task.Delay(idle, stop).ConfigureAwait(false);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, Options.MaxQueuePollingInterval.Ticks));
                    continue;
                }

                idle = MinPollingInterval;
                CountRedeliveries(received);
                await using var lease = new MessageLease(partition.Queue, received, Options.ControlQueueVisibilityTimeout, Abandoned);
                var decoded = new List<(QueueMessage Raw, TaskMessage Message)>();
                foreach (var raw in received)
                {
                    try
                    {
                        decoded.Add((raw, await _storage.DecodeAsync(raw, CancellationToken.None).ConfigureAwait(false)));
                    }
                    catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
                    {
                        _logger.LogError(e, "Dropping unreadable control message {MessageId} in {Queue}.", raw.MessageId, partition.Name);
                        await lease.DeleteAsync(raw.MessageId).ConfigureAwait(false);
                    }
                }

                decoded.AddRange(inbox.Select(r => (QueuesModelFactory.QueueMessage(InboxPrefix + r.RowKey, "inbox", BinaryData.Empty, 1), r.Message)));

                // All pending messages of one instance form one work item.
                var work = decoded.GroupBy(d => d.Message.InstanceId, StringComparer.Ordinal)
                    .Select(group => RunWorkItemAsync(partitionLease, lease, group.Key, group.ToList()));
                await Task.WhenAll(work).ConfigureAwait(false);
                await FlushInboxAsync(partition).ConfigureAwait(false);
                if (decoded.Count < 16)
                {
                    // A small batch: let more messages gather so the next work items append, delete and poll for several at once.
                    await Task.Delay(BatchGatherDelay, stop).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Polling {Queue} failed.", partition.Name);
                await Delay(Options.MaxQueuePollingInterval, stop).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// One work item of an instance: its queue messages from this batch plus every outcome of its in-host activities waiting in
    /// memory. Instances are processed one work item at a time (a gate per instance), because in-host completions start work
    /// items outside the partition's polling loop.
    /// </summary>
    private async Task RunWorkItemAsync(PartitionLease partitionLease, MessageLease lease, string instanceId, List<(QueueMessage Raw, TaskMessage Message)> queued)
    {
        var gate = _instanceGates.GetOrAdd(instanceId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync().ConfigureAwait(false);
        await _orchestrationSlots.WaitAsync().ConfigureAwait(false);
        Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _busy[partitionLease.Partition.Index]);
        var locals = new Dictionary<string, TaskMessage>(StringComparer.Ordinal);
        try
        {
            if (_localInbox.TryGetValue(instanceId, out var inbox))
            {
                while (inbox.TryDequeue(out var message))
                {
                    locals[LocalPrefix + Guid.NewGuid().ToString("N")] = message;
                }
            }

            var batch = queued.Concat(locals.Select(l => (QueuesModelFactory.QueueMessage(l.Key, "local", BinaryData.Empty, 1), l.Value))).ToList();
            if (batch.Count > 0)
            {
                await ProcessInstanceAsync(partitionLease, lease, instanceId, batch, locals).ConfigureAwait(false);
            }

            // Outcomes no branch settled (e.g. for an instance without a row) are dropped; recovery runs their activities again.
            ForgetLocal(instanceId, locals.Values);
        }
        catch (Exception e)
        {
            _cache.TryRemove(instanceId, out _);
            foreach (var (raw, _) in queued)
            {
                await GiveBackAsync(lease, raw.MessageId, RetryLater).ConfigureAwait(false);
            }

            if (e is PartitionLostException)
            {
                _logger.LogInformation("Work item for instance {InstanceId} dropped: partition {Partition} is no longer this host's.", instanceId, partitionLease.Partition.Index);
                ForgetLocal(instanceId, locals.Values);
            }
            else
            {
                _logger.LogError("Work item for instance {InstanceId} failed with {ErrorType}; its messages will be retried.", instanceId, e.GetType().FullName);
                ReturnLocal(instanceId, locals.Values, RetryLater);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _busy[partitionLease.Partition.Index]);
            Interlocked.Decrement(ref _inFlight);
            _orchestrationSlots.Release();
            gate.Release();
        }
    }

    private const string LocalPrefix = "local:";
    private const string InboxPrefix = "inbox:";

    private bool InboxDue(string rowKey)
    {
        if (!_inboxDeferred.TryGetValue(rowKey, out var notBefore))
        {
            return true;
        }

        if (Stopwatch.GetTimestamp() < notBefore)
        {
            return false;
        }

        _inboxDeferred.TryRemove(rowKey, out _);
        return true;
    }

    /// <summary>Deletes a consumed message: a queue message now, an inbox row with the partition's next batch delete.</summary>
    private Task ConsumeAsync(MessageLease lease, string id)
    {
        if (!id.StartsWith(InboxPrefix, StringComparison.Ordinal))
        {
            return lease.DeleteAsync(id);
        }

        _inboxDone.GetOrAdd(lease.Queue.Name, _ => new ConcurrentQueue<string>()).Enqueue(id[InboxPrefix.Length..]);
        return Task.CompletedTask;
    }

    /// <summary>Gives a message back for later: a queue message becomes visible again, an inbox row is skipped until then.</summary>
    private Task GiveBackAsync(MessageLease lease, string id, TimeSpan delay)
    {
        if (!id.StartsWith(InboxPrefix, StringComparison.Ordinal))
        {
            return lease.AbandonAsync(id, delay);
        }

        _inboxDeferred[id[InboxPrefix.Length..]] = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);
        return Task.CompletedTask;
    }

    private async Task FlushInboxAsync(ControlQueuePartition partition)
    {
        if (!_inboxDone.TryGetValue(partition.Name, out var done) || done.IsEmpty)
        {
            return;
        }

        var keys = new List<string>();
        while (done.TryDequeue(out var key))
        {
            keys.Add(key);
        }

        await _storage.DeleteFromInboxAsync(partition, keys, CancellationToken.None).ConfigureAwait(false);
    }

    private static string LocalKey(string instanceId, string? executionId, int eventId) => $"{instanceId}\n{executionId}\n{eventId}";

    private void Track(Task task)
    {
        _activities[task] = 0;
        _ = task.ContinueWith(t => _activities.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>Starts a work item for the instance's in-memory outcomes unless one is already on its way.</summary>
    private void Kick(string instanceId)
    {
        if (!_kicked.TryAdd(instanceId, 0))
        {
            return;
        }

        Track(Task.Run(async () =>
        {
            _kicked.TryRemove(instanceId, out _);
            var partition = _storage.PartitionOf(instanceId);
            if (_stopping is null || _partitions?.LeaseOf(partition.Index) is not { } owner)
            {
                DropLocal(instanceId);
                return;
            }

            try
            {
                await using var lease = new MessageLease(partition.Queue, [], Options.ControlQueueVisibilityTimeout, Abandoned);
                await RunWorkItemAsync(owner, lease, instanceId, []).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _logger.LogError("In-host work item for {InstanceId} failed with {ErrorType}.", instanceId, e.GetType().FullName);
            }
        }, CancellationToken.None));
    }

    private void ReturnLocal(string instanceId, IEnumerable<TaskMessage> messages, TimeSpan delay)
    {
        var list = messages.ToList();
        if (list.Count == 0)
        {
            return;
        }

        var inbox = _localInbox.GetOrAdd(instanceId, _ => new ConcurrentQueue<TaskMessage>());
        foreach (var message in list)
        {
            inbox.Enqueue(message);
        }

        Track(Task.Delay(delay).ContinueWith(_ => Kick(instanceId), TaskScheduler.Default));
    }

    private void ForgetLocal(string instanceId, IEnumerable<TaskMessage> messages)
    {
        foreach (var message in messages)
        {
            _localRunning.TryRemove(LocalKey(instanceId, message.ExecutionId, message.Event.EventId), out _);
        }
    }

    private void DropLocal(string instanceId)
    {
        if (_localInbox.TryRemove(instanceId, out var inbox))
        {
            ForgetLocal(instanceId, inbox);
        }
    }

    /// <summary>Runs an activity in this host; its outcome goes to the instance's in-memory inbox and starts a work item.</summary>
    private void StartLocalActivity(string instanceId, string executionId, HistoryEvent scheduled)
    {
        _localRunning[LocalKey(instanceId, executionId, scheduled.EventId)] = 0;
        var traceParent = Activity.Current?.Id;
        Track(Task.Run(async () =>
        {
            await _activitySlots.WaitAsync().ConfigureAwait(false);
            Interlocked.Increment(ref _inFlight);
            try
            {
                var message = new TaskMessage { InstanceId = instanceId, ExecutionId = executionId, Event = scheduled, TraceParent = traceParent };
                var outcome = await ExecuteActivityAsync(message).ConfigureAwait(false);
                _localInbox.GetOrAdd(instanceId, _ => new ConcurrentQueue<TaskMessage>())
                    .Enqueue(new TaskMessage { InstanceId = instanceId, ExecutionId = executionId, SentAtTicks = Stopwatch.GetTimestamp(), Event = outcome });
                Kick(instanceId);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
                _activitySlots.Release();
            }
        }, CancellationToken.None));
    }

    private bool RunsHere(HistoryEvent scheduled) =>
        Options.LocalActivityDispatch && _registry.TryGetActivity(new TaskName(scheduled.Name!, scheduled.Version), out _);

    private TaskMessage RecoveryMessage(string instanceId, string executionId) => new()
    {
        InstanceId = instanceId,
        ExecutionId = executionId,
        SentAtTicks = Stopwatch.GetTimestamp(),
        Event = new HistoryEvent { Type = EventTypes.ActivityRecovery },
    };

    /// <summary>
    /// A recovery message arrived: activities scheduled in history without an outcome that are not running in this host
    /// (their host died or lost the partition) run again here; while any is outstanding, another recovery message waits.
    /// </summary>
    private async Task RecoverActivitiesAsync(PartitionLease partitionLease, string instanceId, string executionId, List<HistoryEvent> all)
    {
        var outcomes = all.Where(e => e.Type is EventTypes.TaskCompleted or EventTypes.TaskFailed).Select(e => e.EventId).ToHashSet();
        var outstanding = all.Where(e => e.Type == EventTypes.TaskScheduled && !outcomes.Contains(e.EventId) && RunsHere(e)).ToList();
        if (outstanding.Count == 0)
        {
            return;
        }

        if (!partitionLease.IsHeld(Options.LeaseRenewInterval / 2))
        {
            throw new PartitionLostException(partitionLease.Partition.Index);
        }

        await _storage.SendToInstanceAsync(RecoveryMessage(instanceId, executionId), Options.WorkItemQueueVisibilityTimeout, CancellationToken.None).ConfigureAwait(false);
        _recoveryPending[instanceId] = 0;
        foreach (var scheduled in outstanding)
        {
            if (!_localRunning.ContainsKey(LocalKey(instanceId, executionId, scheduled.EventId)))
            {
                Interlocked.Increment(ref _activitiesRecovered);
                _logger.LogInformation("Recovering activity {Activity} (event {EventId}) of {InstanceId}.", scheduled.Name, scheduled.EventId, instanceId);
                StartLocalActivity(instanceId, executionId, scheduled);
            }
        }
    }

    private async Task ProcessInstanceAsync(PartitionLease partitionLease, MessageLease lease, string instanceId, List<(QueueMessage Raw, TaskMessage Message)> batch, Dictionary<string, TaskMessage> locals)
    {
        var none = CancellationToken.None;
        var now = _time.GetUtcNow();
        var ready = new List<(QueueMessage Raw, TaskMessage Message)>();
        foreach (var item in batch)
        {
            // A timer (or delayed start) that arrives early goes back for the remaining time, at most the maximum queue delay.
            if (item.Message.Event.Type is EventTypes.TimerFired or EventTypes.ExecutionStarted && item.Message.Event.FireAt is { } fireAt && fireAt > now)
            {
                await _storage.SendToInstanceAsync(item.Message, fireAt - now, none).ConfigureAwait(false);
                await lease.DeleteAsync(item.Raw.MessageId).ConfigureAwait(false);
            }
            else
            {
                ready.Add(item);
            }
        }

        if (ready.Count == 0)
        {
            return;
        }

        ready = ready.OrderBy(m => m.Message.Event.Type == EventTypes.ExecutionStarted ? 0 : 1).ThenBy(m => m.Message.SentAtTicks).ToList();
        // A running instance this host holds in memory keeps its row in memory too: only this host changes a running
        // instance's row (clients re-create only finished ones), and a start message always reads it.
        var row = Options.ExtendedSessionsEnabled && ready.All(m => m.Message.Event.Type != EventTypes.ExecutionStarted)
            && _cache.TryGetValue(instanceId, out var held) && held.Row is { Status: OrchestrationRuntimeStatus.Running } heldRow && heldRow.ExecutionId == held.ExecutionId
            ? heldRow
            : await _storage.ReadInstanceAsync(instanceId, withPayloads: false, none).ConfigureAwait(false);
        var start = ready.FirstOrDefault(m => m.Message.Event.Type == EventTypes.ExecutionStarted).Message;
        if (row is not null && start is not null && start.ExecutionId == ReplayContext.DeterministicId($"{instanceId}:{row.ExecutionId}:continue"))
        {
            // The host that appended ContinueAsNew died before moving the row to the next execution: finish the hand-over.
            await _storage.MergeInstanceAsync(instanceId, new Dictionary<string, object?> { ["ExecutionId"] = start.ExecutionId, ["Status"] = nameof(OrchestrationRuntimeStatus.Running), ["Input"] = start.Event.Input, ["LastUpdatedAt"] = now }, none).ConfigureAwait(false);
            row = row with { ExecutionId = start.ExecutionId, Status = OrchestrationRuntimeStatus.Running };
            _cache.TryRemove(instanceId, out _);
        }

        if (start is not null && (row is null || (row.ExecutionId != start.ExecutionId && start.Event.ParentInstanceId is not null)))
        {
            // A sub-orchestration starts here: clients create their row before sending ExecutionStarted, parents do not.
            if (row is { Status: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended })
            {
                await NotifyParentAsync(start.Event, OrchestrationRuntimeStatus.Failed, null, new TaskFailureDetails(typeof(OrchestrationAlreadyExistsException).FullName!, $"Orchestration instance '{instanceId}' already exists with status {row.Status}.", null, null)).ConfigureAwait(false);
                await lease.DeleteAsync(ready.First(m => m.Message == start).Raw.MessageId).ConfigureAwait(false);
                return;
            }

            var created = new InstanceRow
            {
                InstanceId = instanceId,
                Name = start.Event.Name!,
                Version = start.Event.Version ?? _registry.GetLatestOrchestratorVersion(start.Event.Name!) ?? string.Empty,
                ExecutionId = start.ExecutionId!,
                Status = OrchestrationRuntimeStatus.Pending,
                Input = start.Event.Input,
                CreatedAt = now,
                LastUpdatedAt = now,
                ParentInstanceId = start.Event.ParentInstanceId,
            };
            await _storage.TryCreateOrReplaceInstanceAsync(created, row?.ETag, none).ConfigureAwait(false);
            row = await _storage.ReadInstanceAsync(instanceId, withPayloads: false, none).ConfigureAwait(false);
        }

        if (row is null)
        {
            // Nothing to deliver to yet (e.g. an event sent to a child that is still being created).
            foreach (var item in ready)
            {
                if (item.Raw.DequeueCount > 20 || item.Raw.MessageId.StartsWith(InboxPrefix, StringComparison.Ordinal))
                {
                    _logger.LogWarning("Dropping {Type} for unknown instance {InstanceId}.", item.Message.Event.Type, instanceId);
                    await ConsumeAsync(lease, item.Raw.MessageId).ConfigureAwait(false);
                }
                else
                {
                    await lease.AbandonAsync(item.Raw.MessageId, RetryLater).ConfigureAwait(false);
                }
            }

            return;
        }

        var executionId = row.ExecutionId;
        var session = await LoadSessionAsync(instanceId, executionId).ConfigureAwait(false);
        var history = session.Events;
        var terminal = history.Any(IsTerminal);
        if (terminal && row.Status is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended)
        {
            await RepairFinishedRowAsync(instanceId, history.Last(IsTerminal), now).ConfigureAwait(false);
        }
        var hasStarted = history.Any(e => e.Type == EventTypes.ExecutionStarted);
        var newEvents = new List<HistoryEvent> { new() { Type = EventTypes.OrchestratorStarted, Timestamp = now, Host = WorkerId } };
        var consumed = new List<string>();
        var deferred = new List<string>();
        var suspended = row.Status == OrchestrationRuntimeStatus.Suspended;
        var terminate = (HistoryEvent?)null;
        var needsRun = false;
        var recover = false;
        foreach (var (raw, message) in ready)
        {
            if (message.Event.Type == EventTypes.ActivityRecovery)
            {
                _recoveryPending.TryRemove(instanceId, out _);
                recover |= !terminal && message.ExecutionId == executionId;
                consumed.Add(raw.MessageId);
                continue;
            }

            var e = message.Event with { Timestamp = now };
            if (terminal || (message.ExecutionId is not null && message.ExecutionId != executionId))
            {
                consumed.Add(raw.MessageId);
                continue;
            }

            if (e.Type == EventTypes.ExecutionStarted)
            {
                if (!hasStarted)
                {
                    newEvents.Add(e with { Version = row.Version.Length > 0 ? row.Version : e.Version ?? _registry.GetLatestOrchestratorVersion(e.Name!) ?? string.Empty, FireAt = null });
                    hasStarted = true;
                    needsRun = true;
                }

                consumed.Add(raw.MessageId);
                continue;
            }

            if (!hasStarted || terminate is not null)
            {
                if (terminate is not null)
                {
                    consumed.Add(raw.MessageId);
                }
                else
                {
                    deferred.Add(raw.MessageId);
                }

                continue;
            }

            var all = history.Concat(newEvents);
            switch (e.Type)
            {
                case EventTypes.ExecutionTerminated:
                    terminate = e;
                    newEvents.Add(e);
                    break;
                case EventTypes.ExecutionSuspended:
                    if (!suspended)
                    {
                        newEvents.Add(e);
                        suspended = true;
                    }

                    break;
                case EventTypes.ExecutionResumed:
                    if (suspended)
                    {
                        newEvents.Add(e);
                        suspended = false;
                        needsRun = true;
                    }

                    break;
                default:
                    if (suspended)
                    {
                        deferred.Add(raw.MessageId);
                        continue;
                    }

                    if (IsOutcome(e.Type) && (all.Any(x => IsOutcome(x.Type) && x.EventId == e.EventId) || !all.Any(x => IsScheduling(x.Type) && x.EventId == e.EventId)))
                    {
                        // Duplicate or stale outcome: history already has it, or never scheduled it in this execution.
                        break;
                    }

                    if (e.Type == EventTypes.EventRaised && e.MessageId is not null && all.Any(x => x.Type == EventTypes.EventRaised && x.MessageId == e.MessageId))
                    {
                        break;
                    }

                    newEvents.Add(e);
                    needsRun = true;
                    break;
            }

            consumed.Add(raw.MessageId);
        }

        if (recover)
        {
            await RecoverActivitiesAsync(partitionLease, instanceId, executionId, history.Concat(newEvents).ToList()).ConfigureAwait(false);
        }

        if (newEvents.Count == 1)
        {
            await SettleAsync(lease, consumed, deferred, instanceId, locals).ConfigureAwait(false);
            return;
        }

        var started = history.Concat(newEvents).First(e => e.Type == EventTypes.ExecutionStarted);
        var outbound = new List<(QueueClient Queue, TaskMessage Message, TimeSpan Delay)>();
        var columns = new Dictionary<string, object?> { ["LastUpdatedAt"] = now };
        var appended = new List<HistoryEvent>(newEvents);
        var runHere = new List<HistoryEvent>();
        OrchestrationRuntimeStatus status;
        if (terminate is not null)
        {
            status = OrchestrationRuntimeStatus.Terminated;
            columns["Output"] = terminate.Result;
            var failure = new TaskFailureDetails("OneWindow.DurableTask.OrchestrationTerminated", $"Orchestration instance '{instanceId}' was terminated.", null, null);
            AddParentNotification(outbound, started, OrchestrationRuntimeStatus.Failed, null, failure);
        }
        else if (!needsRun || suspended)
        {
            status = suspended ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running;
        }
        else
        {
            var result = _executor.Execute(instanceId, executionId, history, newEvents);
            foreach (var action in result.NewActions)
            {
                appended.Add(new HistoryEvent
                {
                    Type = action.Type,
                    EventId = action.EventId,
                    Timestamp = now,
                    Name = action.Name,
                    Version = action.Version,
                    Input = action.Input,
                    FireAt = action.FireAt,
                    TargetInstanceId = action.TargetInstanceId,
                    TargetExecutionId = action.TargetExecutionId,
                });
                if (action.Type == EventTypes.TaskScheduled && RunsHere(appended[^1]))
                {
                    // Recorded as TaskScheduled in this batch and run in this host after the append: no work-item message.
                    runHere.Add(appended[^1]);
                }
                else
                {
                    AddActionMessage(outbound, instanceId, executionId, started, action, now);
                }
            }

            if (result.CustomStatusSet)
            {
                columns["CustomStatus"] = result.CustomStatus;
            }

            status = result.FinalStatus ?? OrchestrationRuntimeStatus.Running;
            switch (result.FinalStatus)
            {
                case OrchestrationRuntimeStatus.Completed:
                    appended.Add(new HistoryEvent { Type = EventTypes.ExecutionCompleted, Timestamp = now, Result = result.Output });
                    columns["Output"] = result.Output;
                    AddParentNotification(outbound, started, OrchestrationRuntimeStatus.Completed, result.Output, null);
                    break;
                case OrchestrationRuntimeStatus.Failed:
                    appended.Add(new HistoryEvent { Type = EventTypes.ExecutionFailed, Timestamp = now, Failure = result.Failure });
                    columns["Failure"] = result.Failure;
                    AddParentNotification(outbound, started, OrchestrationRuntimeStatus.Failed, null, result.Failure);
                    _logger.LogWarning("Orchestration {InstanceId} failed with {ErrorType}.", instanceId, result.Failure?.ErrorType);
                    break;
                case OrchestrationRuntimeStatus.ContinuedAsNew:
                    var next = ReplayContext.DeterministicId($"{instanceId}:{executionId}:continue");
                    appended.Add(new HistoryEvent { Type = EventTypes.ContinueAsNew, Timestamp = now, Input = result.ContinueAsNewInput });
                    outbound.Add((_storage.PartitionOf(instanceId).Queue, new TaskMessage
                    {
                        InstanceId = instanceId,
                        ExecutionId = next,
                        SentAtTicks = Stopwatch.GetTimestamp(),
                        Event = started with { Input = result.ContinueAsNewInput, Timestamp = now, FireAt = null },
                    }, TimeSpan.Zero));
                    var carried = 0;
                    foreach (var (name, payload) in result.CarryOverEvents)
                    {
                        outbound.Add((_storage.PartitionOf(instanceId).Queue, new TaskMessage
                        {
                            InstanceId = instanceId,
                            ExecutionId = next,
                            SentAtTicks = Stopwatch.GetTimestamp() + carried,
                            Event = new HistoryEvent { Type = EventTypes.EventRaised, Name = name, Input = payload, MessageId = $"{next}:carry:{carried++}" },
                        }, TimeSpan.Zero));
                    }

                    columns["ExecutionId"] = next;
                    columns["Input"] = result.ContinueAsNewInput;
                    status = OrchestrationRuntimeStatus.Running;
                    break;
            }
        }

        columns["Status"] = status.ToString();
        if (newEvents.Any(e => e.Type == EventTypes.ExecutionStarted))
        {
            columns["Version"] = started.Version ?? string.Empty;
        }

        // Commit. Outbound messages go first: the receivers drop duplicates, so a crash or a lost append race
        // only repeats work; the sentinel ETag then lets exactly one work item append this step to history.
        var sendRecovery = runHere.Count > 0 && !_recoveryPending.ContainsKey(instanceId);
        if (sendRecovery)
        {
            // If this host dies before the activities' outcomes are appended, this message makes the partition's next owner run them.
            outbound.Add((_storage.PartitionOf(instanceId).Queue, RecoveryMessage(instanceId, executionId), Options.WorkItemQueueVisibilityTimeout));
        }

        foreach (var (queue, message, delay) in outbound)
        {
            await _storage.SendAsync(queue, message, delay, none).ConfigureAwait(false);
        }

        if (sendRecovery)
        {
            _recoveryPending[instanceId] = 0;
        }

        if (!partitionLease.IsHeld(Options.LeaseRenewInterval / 2))
        {
            // Another host may own the instance by now (or soon): commit nothing; the messages come back to the owner.
            throw new PartitionLostException(partitionLease.Partition.Index);
        }

        if (!await _storage.TryAppendHistoryAsync(session, appended, none).ConfigureAwait(false))
        {
            _logger.LogWarning("History of {InstanceId} changed underneath this work item; dropping it, its messages come back.", instanceId);
            _cache.TryRemove(instanceId, out _);
            await SettleAsync(lease, [], consumed.Concat(deferred).ToList(), instanceId, locals).ConfigureAwait(false);
            return;
        }

        foreach (var scheduled in runHere)
        {
            StartLocalActivity(instanceId, executionId, scheduled);
        }

        if (Options.ExtendedSessionsEnabled && status is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended && !columns.ContainsKey("ExecutionId"))
        {
            _cache[instanceId] = session;
        }
        else
        {
            _cache.TryRemove(instanceId, out _);
        }

        Interlocked.Increment(ref _workItems);

        // The row is a projection: when nothing but LastUpdatedAt would change, it is written at most once a second.
        var touchOnly = status == row.Status && columns.Keys.All(k => k is "LastUpdatedAt" or "Status");
        if (!touchOnly || session.RowWrittenAt == 0 || Stopwatch.GetElapsedTime(session.RowWrittenAt) >= RowTouchInterval)
        {
            await _storage.MergeInstanceAsync(instanceId, columns, none).ConfigureAwait(false);
            session.RowWrittenAt = Stopwatch.GetTimestamp();
        }

        session.Row = row with { Status = status, LastUpdatedAt = now };
        await SettleAsync(lease, consumed, deferred, instanceId, locals).ConfigureAwait(false);
    }

    /// <summary>
    /// History ends the execution but the row still says it runs: the host died between the append and the row update.
    /// Any message for the instance (a redelivered one, a recovery message) finishes the projection.
    /// </summary>
    private async Task RepairFinishedRowAsync(string instanceId, HistoryEvent end, DateTimeOffset now)
    {
        var columns = new Dictionary<string, object?> { ["LastUpdatedAt"] = now };
        switch (end.Type)
        {
            case EventTypes.ExecutionCompleted:
                columns["Status"] = nameof(OrchestrationRuntimeStatus.Completed);
                columns["Output"] = end.Result;
                break;
            case EventTypes.ExecutionFailed:
                columns["Status"] = nameof(OrchestrationRuntimeStatus.Failed);
                columns["Failure"] = end.Failure;
                break;
            case EventTypes.ExecutionTerminated:
                columns["Status"] = nameof(OrchestrationRuntimeStatus.Terminated);
                columns["Output"] = end.Result;
                break;
            default:
                // ContinueAsNew: the successor's ExecutionStarted finishes that hand-over.
                return;
        }

        _logger.LogInformation("Finishing the row of {InstanceId}: history ended with {Type}.", instanceId, end.Type);
        await _storage.MergeInstanceAsync(instanceId, columns, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task SettleAsync(MessageLease lease, IReadOnlyList<string> consumed, IReadOnlyList<string> deferred, string instanceId, Dictionary<string, TaskMessage> locals)
    {
        foreach (var id in consumed)
        {
            if (locals.Remove(id, out var local))
            {
                ForgetLocal(instanceId, [local]);
            }
            else
            {
                await ConsumeAsync(lease, id).ConfigureAwait(false);
            }
        }

        var back = new List<TaskMessage>();
        foreach (var id in deferred)
        {
            if (locals.Remove(id, out var local))
            {
                back.Add(local);
            }
            else
            {
                await GiveBackAsync(lease, id, RetryLater).ConfigureAwait(false);
            }
        }

        ReturnLocal(instanceId, back, RetryLater);
    }

    private async Task<HistorySession> LoadSessionAsync(string instanceId, string executionId)
    {
        if (Options.ExtendedSessionsEnabled && _cache.TryGetValue(instanceId, out var cached) && cached.ExecutionId == executionId)
        {
            return cached;
        }

        _cache.TryRemove(instanceId, out _);
        return await _storage.ReadHistoryAsync(instanceId, executionId, CancellationToken.None).ConfigureAwait(false);
    }

    private void AddActionMessage(List<(QueueClient, TaskMessage, TimeSpan)> outbound, string instanceId, string executionId, HistoryEvent started, OrchestrationAction action, DateTimeOffset now)
    {
        var sentAt = Stopwatch.GetTimestamp();
        switch (action.Type)
        {
            case EventTypes.TaskScheduled:
                outbound.Add((_storage.WorkItems, new TaskMessage
                {
                    InstanceId = instanceId,
                    ExecutionId = executionId,
                    SentAtTicks = sentAt,
                    TraceParent = Activity.Current?.Id,
                    Event = new HistoryEvent { Type = EventTypes.TaskScheduled, EventId = action.EventId, Name = action.Name, Version = action.Version, Input = action.Input },
                }, TimeSpan.Zero));
                break;
            case EventTypes.TimerCreated:
                outbound.Add((_storage.PartitionOf(instanceId).Queue, new TaskMessage
                {
                    InstanceId = instanceId,
                    ExecutionId = executionId,
                    SentAtTicks = sentAt,
                    Event = new HistoryEvent { Type = EventTypes.TimerFired, EventId = action.EventId, FireAt = action.FireAt },
                }, action.FireAt!.Value - now));
                break;
            case EventTypes.SubOrchestrationInstanceCreated:
                outbound.Add((_storage.PartitionOf(action.TargetInstanceId!).Queue, new TaskMessage
                {
                    InstanceId = action.TargetInstanceId!,
                    ExecutionId = action.TargetExecutionId,
                    SentAtTicks = sentAt,
                    TraceParent = Activity.Current?.Id,
                    Event = new HistoryEvent
                    {
                        Type = EventTypes.ExecutionStarted,
                        Name = action.Name,
                        Version = string.IsNullOrEmpty(action.Version) ? null : action.Version,
                        Input = action.Input,
                        ParentInstanceId = instanceId,
                        ParentExecutionId = executionId,
                        ParentName = started.Name,
                        ParentEventId = action.EventId,
                    },
                }, TimeSpan.Zero));
                break;
            case EventTypes.EventSent:
                outbound.Add((_storage.PartitionOf(action.TargetInstanceId!).Queue, new TaskMessage
                {
                    InstanceId = action.TargetInstanceId!,
                    SentAtTicks = sentAt,
                    Event = new HistoryEvent { Type = EventTypes.EventRaised, Name = action.Name, Input = action.Input, MessageId = $"{instanceId}:{executionId}:{action.EventId}" },
                }, TimeSpan.Zero));
                break;
        }
    }

    private void AddParentNotification(List<(QueueClient, TaskMessage, TimeSpan)> outbound, HistoryEvent started, OrchestrationRuntimeStatus status, string? output, TaskFailureDetails? failure)
    {
        if (started.ParentInstanceId is null)
        {
            return;
        }

        outbound.Add((_storage.PartitionOf(started.ParentInstanceId).Queue, ParentMessage(started, status, output, failure), TimeSpan.Zero));
    }

    private Task NotifyParentAsync(HistoryEvent started, OrchestrationRuntimeStatus status, string? output, TaskFailureDetails? failure) =>
        _storage.SendToInstanceAsync(ParentMessage(started, status, output, failure), TimeSpan.Zero, CancellationToken.None);

    private static TaskMessage ParentMessage(HistoryEvent started, OrchestrationRuntimeStatus status, string? output, TaskFailureDetails? failure) => new()
    {
        InstanceId = started.ParentInstanceId!,
        ExecutionId = started.ParentExecutionId,
        SentAtTicks = Stopwatch.GetTimestamp(),
        Event = status == OrchestrationRuntimeStatus.Completed
            ? new HistoryEvent { Type = EventTypes.SubOrchestrationInstanceCompleted, EventId = started.ParentEventId, Result = output }
            : new HistoryEvent { Type = EventTypes.SubOrchestrationInstanceFailed, EventId = started.ParentEventId, Failure = failure },
    };

    private async Task ActivityLoopAsync(CancellationToken stop)
    {
        var idle = MinPollingInterval;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await _activitySlots.WaitAsync(stop).ConfigureAwait(false);
                var free = 1;
                while (free < 32 && _activitySlots.Wait(0, CancellationToken.None))
                {
                    free++;
                }

                QueueMessage[] received;
                try
                {
                    received = (await _storage.WorkItems.ReceiveMessagesAsync(free, Options.WorkItemQueueVisibilityTimeout, stop).ConfigureAwait(false)).Value;
                }
                catch
                {
                    _activitySlots.Release(free);
                    throw;
                }

                if (received.Length < free)
                {
                    _activitySlots.Release(free - received.Length);
                }

                if (received.Length == 0)
                {
                    await Task.Delay(idle, stop).ConfigureAwait(false);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, Options.MaxQueuePollingInterval.Ticks));
                    continue;
                }

                idle = MinPollingInterval;
                CountRedeliveries(received);
                foreach (var raw in received)
                {
                    Track(Task.Run(() => RunActivityAsync(raw), CancellationToken.None));
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Polling the work-item queue failed.");
                await Delay(Options.MaxQueuePollingInterval, stop).ConfigureAwait(false);
            }
        }
    }

    private async Task RunActivityAsync(QueueMessage raw)
    {
        try
        {
            Interlocked.Increment(ref _inFlight);
            await using var lease = new MessageLease(_storage.WorkItems, [raw], Options.WorkItemQueueVisibilityTimeout, Abandoned);
            await using var abandon = _abandon.Token.Register(() => _ = lease.AbandonAsync(raw.MessageId, TimeSpan.Zero));
            TaskMessage message;
            try
            {
                message = await _storage.DecodeAsync(raw, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
            {
                _logger.LogError(e, "Dropping unreadable work item {MessageId}.", raw.MessageId);
                await lease.DeleteAsync(raw.MessageId).ConfigureAwait(false);
                return;
            }

            var outcome = await ExecuteActivityAsync(message).ConfigureAwait(false);
            await _storage.SendToInstanceAsync(new TaskMessage { InstanceId = message.InstanceId, ExecutionId = message.ExecutionId, SentAtTicks = Stopwatch.GetTimestamp(), Event = outcome }, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
            await lease.DeleteAsync(raw.MessageId).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The message was not deleted: it comes back after the visibility timeout and runs again (at least once).
            _logger.LogError(e, "Work item {MessageId} could not be completed.", raw.MessageId);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            _activitySlots.Release();
        }
    }

    /// <summary>Runs an activity (services from a DI scope) and returns its TaskCompleted or TaskFailed event.</summary>
    private async Task<HistoryEvent> ExecuteActivityAsync(TaskMessage message)
    {
        var scheduled = message.Event;
        var name = new TaskName(scheduled.Name!, scheduled.Version);
        HistoryEvent outcome;
        try
        {
            if (!_registry.TryGetActivity(name, out var activity))
            {
                throw new InvalidOperationException($"Activity '{name}' is not registered.");
            }

            using var activityTrace = StartTrace(message);
            var scope = _services?.CreateAsyncScope();
            try
            {
                var input = _converter.Deserialize(scheduled.Input, activity.InputType);
                Interlocked.Increment(ref _activitiesRun);
                var output = await activity.RunAsync(new WorkerActivityContext(name, message.InstanceId, scope?.ServiceProvider), input).ConfigureAwait(false);
                outcome = new HistoryEvent { Type = EventTypes.TaskCompleted, EventId = scheduled.EventId, Name = scheduled.Name, Result = _converter.Serialize(output) };
            }
            finally
            {
                if (scope is { } s)
                {
                    await s.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        catch (Exception e)
        {
            // Only the type: messages may carry personal data (names, ID numbers).
            _logger.LogInformation("Activity {Activity} of {InstanceId} failed with {ErrorType}.", name, message.InstanceId, e.GetType().FullName);
            outcome = new HistoryEvent { Type = EventTypes.TaskFailed, EventId = scheduled.EventId, Name = scheduled.Name, Failure = TaskFailureDetails.FromException(e) };
        }

        return outcome;
    }

    private static readonly ActivitySource Trace = new("OneWindow.DurableTask");

    private static Activity? StartTrace(TaskMessage message) =>
        message.TraceParent is { } parent && System.Diagnostics.ActivityContext.TryParse(parent, null, out var context)
            ? Trace.StartActivity("activity " + message.Event.Name, ActivityKind.Internal, context)
            : Trace.StartActivity("activity " + message.Event.Name);

    private static bool IsTerminal(HistoryEvent e) => e.Type is EventTypes.ExecutionCompleted or EventTypes.ExecutionFailed or EventTypes.ExecutionTerminated or EventTypes.ContinueAsNew;

    private static bool IsOutcome(string type) => type is EventTypes.TaskCompleted or EventTypes.TaskFailed or EventTypes.TimerFired or EventTypes.SubOrchestrationInstanceCompleted or EventTypes.SubOrchestrationInstanceFailed;

    private static bool IsScheduling(string type) => type is EventTypes.TaskScheduled or EventTypes.TimerCreated or EventTypes.SubOrchestrationInstanceCreated;

    private static async Task Delay(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
