using System.Diagnostics;
using Azure.Data.Tables;

namespace OneWindow.DurableTask.AzureStorage;

/// <summary>The <see cref="DurableTaskClient"/> on the Azure Storage task hub (tables, queues, blobs).</summary>
public sealed class AzureStorageDurableTaskClient : DurableTaskClient
{
    private static readonly TimeSpan CompletionPollInterval = TimeSpan.FromMilliseconds(100);
    private readonly TaskHubStorage _storage;
    private readonly TimeProvider _time;
    private readonly DataConverter _converter;
    private readonly DurableTaskRegistry? _registry;

    /// <summary>Creates a client. With a <paramref name="registry"/>, new instances record the newest orchestrator version at once.</summary>
    public AzureStorageDurableTaskClient(AzureStorageOrchestrationServiceOptions options, TimeProvider? timeProvider = null, DataConverter? converter = null, DurableTaskRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = options.TimeProvider ?? timeProvider ?? TimeProvider.System;
        _storage = new TaskHubStorage(options, _time);
        _converter = converter ?? JsonDataConverter.Default;
        _registry = registry;
    }

    /// <inheritdoc />
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        await _storage.CreateIfNotExistsAsync(cancellation).ConfigureAwait(false);
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var version = options?.Version ?? (orchestratorName.Version.Length > 0 ? orchestratorName.Version : _registry?.GetLatestOrchestratorVersion(orchestratorName.Name));
        var existing = await _storage.ReadInstanceAsync(instanceId, withPayloads: false, cancellation).ConfigureAwait(false);
        if (existing is { } running && IsActive(running.Status))
        {
            throw new OrchestrationAlreadyExistsException(instanceId, running.Status);
        }

        var now = _time.GetUtcNow();
        var serialized = _converter.Serialize(input);
        var row = new InstanceRow
        {
            InstanceId = instanceId,
            Name = orchestratorName.Name,
            Version = version ?? string.Empty,
            ExecutionId = Guid.NewGuid().ToString("N"),
            Status = OrchestrationRuntimeStatus.Pending,
            Input = serialized,
            CreatedAt = now,
            LastUpdatedAt = now,
        };
        if (!await _storage.TryCreateOrReplaceInstanceAsync(row, existing?.ETag, cancellation).ConfigureAwait(false))
        {
            var winner = await _storage.ReadInstanceAsync(instanceId, withPayloads: false, cancellation).ConfigureAwait(false);
            throw new OrchestrationAlreadyExistsException(instanceId, winner?.Status ?? OrchestrationRuntimeStatus.Pending);
        }

        var startAt = options?.StartAt;
        await _storage.SendToInstanceAsync(
            new TaskMessage
            {
                InstanceId = instanceId,
                ExecutionId = row.ExecutionId,
                SentAtTicks = Stopwatch.GetTimestamp(),
                TraceParent = Activity.Current?.Id,
                Event = new HistoryEvent { Type = "ExecutionStarted", Name = orchestratorName.Name, Version = version, Input = serialized, FireAt = startAt > now ? startAt : null },
            },
            startAt is { } at && at > now ? at - now : TimeSpan.Zero,
            cancellation).ConfigureAwait(false);
        return instanceId;
    }

    /// <inheritdoc />
    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var e = new HistoryEvent { Type = "EventRaised", Name = eventName, Input = _converter.Serialize(eventPayload), MessageId = Guid.NewGuid().ToString("N"), Timestamp = _time.GetUtcNow() };
        await _storage.CreateIfNotExistsAsync(cancellation).ConfigureAwait(false);
        _ = await _storage.ReadInstanceAsync(instanceId, withPayloads: false, cancellation).ConfigureAwait(false)
            ?? throw new InstanceNotFoundException(instanceId);

        // The event goes to the inbox table of the instance's partition: no queue message of its own (a large one still does).
        var message = new TaskMessage { InstanceId = instanceId, SentAtTicks = Stopwatch.GetTimestamp(), TraceParent = Activity.Current?.Id, Event = e };
        if (!await _storage.TryPutInInboxAsync(message, cancellation).ConfigureAwait(false))
        {
            await _storage.SendToInstanceAsync(message, TimeSpan.Zero, cancellation).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        await _storage.CreateIfNotExistsAsync(cancellation).ConfigureAwait(false);
        var row = await _storage.ReadInstanceAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false);
        return row is null ? null : ToMetadata(row);
    }

    /// <inheritdoc />
    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            var metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false)
                ?? throw new InstanceNotFoundException(instanceId);
            if (metadata.IsCompleted)
            {
                return metadata;
            }

            await Task.Delay(CompletionPollInterval, cancellation).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellation = default) =>
        SendControlAsync(instanceId, new HistoryEvent { Type = "ExecutionTerminated", Result = _converter.Serialize(output) }, cancellation);

    /// <inheritdoc />
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendControlAsync(instanceId, new HistoryEvent { Type = "ExecutionSuspended", Input = reason }, cancellation);

    /// <inheritdoc />
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendControlAsync(instanceId, new HistoryEvent { Type = "ExecutionResumed", Input = reason }, cancellation);

    /// <inheritdoc />
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default)
    {
        await _storage.CreateIfNotExistsAsync(cancellation).ConfigureAwait(false);
        var row = await _storage.ReadInstanceAsync(instanceId, withPayloads: false, cancellation).ConfigureAwait(false);
        if (row is null || IsActive(row.Status))
        {
            // Only finished instances are purged; a running one would lose its history under its feet.
            return new PurgeResult(0);
        }

        await _storage.DeleteHistoryAsync(instanceId, cancellation).ConfigureAwait(false);
        await _storage.DeleteInstanceAsync(instanceId, cancellation).ConfigureAwait(false);
        return new PurgeResult(1);
    }

    /// <inheritdoc />
    public override async Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await _storage.CreateIfNotExistsAsync(cancellation).ConfigureAwait(false);
        var filters = new List<string> { "RowKey eq ''" };
        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            var prefix = query.InstanceIdPrefix;
            var upper = prefix[..^1] + (char)(prefix[^1] + 1);
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {upper}"));
        }

        if (query.CreatedFrom is { } from)
        {
            filters.Add(TableClient.CreateQueryFilter($"CreatedAt ge {from}"));
        }

        if (query.CreatedTo is { } to)
        {
            filters.Add(TableClient.CreateQueryFilter($"CreatedAt le {to}"));
        }

        if (query.Statuses is { Count: > 0 } statuses)
        {
            filters.Add("(" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}"))) + ")");
        }

        var pageSize = Math.Clamp(query.PageSize, 1, 1000);
        var pages = _storage.Instances.QueryAsync<TableEntity>(string.Join(" and ", filters), maxPerPage: pageSize, cancellationToken: cancellation)
            .AsPages(query.ContinuationToken, pageSize);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            var instances = new List<OrchestrationMetadata>();
            foreach (var entity in page.Values)
            {
                instances.Add(ToMetadata(await _storage.ToInstanceAsync(entity, query.FetchInputsAndOutputs, cancellation).ConfigureAwait(false)));
            }

            return new OrchestrationQueryResult(instances, page.ContinuationToken);
        }

        return new OrchestrationQueryResult([], null);
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<OrchestrationHistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, bool includeSubOrchestrations = true, CancellationToken cancellation = default)
    {
        await _storage.CreateIfNotExistsAsync(cancellation).ConfigureAwait(false);
        var result = new List<OrchestrationHistoryEvent>();
        await AppendHistoryAsync(instanceId, null, includeSubOrchestrations, result, 0, cancellation).ConfigureAwait(false);
        return result;
    }

    private async Task AppendHistoryAsync(string instanceId, string? parentInstanceId, bool includeChildren, List<OrchestrationHistoryEvent> result, int depth, CancellationToken cancellation)
    {
        var row = await _storage.ReadInstanceAsync(instanceId, withPayloads: false, cancellation).ConfigureAwait(false);
        if (row is null)
        {
            if (depth == 0)
            {
                throw new InstanceNotFoundException(instanceId);
            }

            return;
        }

        var events = await _storage.ReadAllHistoryAsync(instanceId, row.ExecutionId, cancellation).ConfigureAwait(false);
        foreach (var e in events)
        {
            if (e.Type == EventTypes.OrchestratorStarted)
            {
                continue;
            }

            result.Add(new OrchestrationHistoryEvent
            {
                InstanceId = instanceId,
                Sequence = result.Count,
                EventId = e.EventId,
                Timestamp = e.Timestamp,
                EventType = e.Type,
                Name = e.Name ?? e.TargetInstanceId,
                Input = e.Input,
                Result = e.Result ?? (e.Failure is null ? null : System.Text.Json.JsonSerializer.Serialize(e.Failure)),
                ParentInstanceId = parentInstanceId,
            });
            if (includeChildren && e.Type == EventTypes.SubOrchestrationInstanceCreated && e.TargetInstanceId is not null && depth < 8)
            {
                await AppendHistoryAsync(e.TargetInstanceId, instanceId, includeChildren, result, depth + 1, cancellation).ConfigureAwait(false);
            }
        }
    }

    private async Task SendControlAsync(string instanceId, HistoryEvent e, CancellationToken cancellation)
    {
        await _storage.CreateIfNotExistsAsync(cancellation).ConfigureAwait(false);
        _ = await _storage.ReadInstanceAsync(instanceId, withPayloads: false, cancellation).ConfigureAwait(false)
            ?? throw new InstanceNotFoundException(instanceId);
        await _storage.SendToInstanceAsync(
            new TaskMessage { InstanceId = instanceId, SentAtTicks = Stopwatch.GetTimestamp(), TraceParent = Activity.Current?.Id, Event = e with { Timestamp = _time.GetUtcNow() } },
            TimeSpan.Zero,
            cancellation).ConfigureAwait(false);
    }

    private OrchestrationMetadata ToMetadata(InstanceRow row) => new(row.Name, row.InstanceId, _converter)
    {
        Version = row.Version,
        RuntimeStatus = row.Status,
        CreatedAt = row.CreatedAt,
        LastUpdatedAt = row.LastUpdatedAt,
        SerializedInput = row.Input,
        SerializedOutput = row.Output,
        SerializedCustomStatus = row.CustomStatus,
        FailureDetails = row.Failure,
    };

    private static bool IsActive(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended;
}
