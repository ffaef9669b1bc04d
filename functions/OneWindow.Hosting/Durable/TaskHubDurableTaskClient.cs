using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Core = DurableTask.Core;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace OneWindow.Hosting.Durable;

/// <summary>
/// Microsoft.DurableTask's <see cref="DurableTaskClient"/> over DTFx's Azure Storage provider (no package implementing it
/// over <c>IOrchestrationServiceClient</c> is served here). It follows Durable Functions where DTFx differs: payloads
/// go through the worker's <see cref="DataConverter"/>; an id that is pending, running or suspended cannot be started
/// again while a finished one can (host.json <c>overridableExistingInstanceStates</c>); new instances take host.json's
/// <c>defaultVersion</c>; an event for a missing or finished instance is an error the caller sees. Unlike Durable Functions,
/// an event for a Pending instance waits until it has started (see <see cref="StartedStateAsync"/>).
/// </summary>
public sealed class TaskHubDurableTaskClient : DurableTaskClient
{
    private static readonly Core.OrchestrationStatus[] RunningStates =
        [Core.OrchestrationStatus.Pending, Core.OrchestrationStatus.Running, Core.OrchestrationStatus.Suspended, Core.OrchestrationStatus.ContinuedAsNew];

    private readonly AzureStorageOrchestrationService service;
    private readonly DataConverter converter;
    private readonly DurableTaskHostOptions options;

    public TaskHubDurableTaskClient(AzureStorageOrchestrationService service, DataConverter converter, DurableTaskHostOptions options)
        : base(options?.HubName ?? "default")
    {
        this.service = service;
        this.converter = converter;
        this.options = options!;
    }

    /// <inheritdoc />
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(Microsoft.DurableTask.TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        var version = options?.Version?.Version;
        if (string.IsNullOrEmpty(version)) version = this.options.DefaultVersion ?? string.Empty;
        var message = new TaskMessage
        {
            OrchestrationInstance = instance,
            Event = new ExecutionStartedEvent(-1, converter.Serialize(input))
            {
                Name = orchestratorName.Name,
                Version = version,
                OrchestrationInstance = instance,
                ScheduledStartTime = options?.StartAt?.UtcDateTime,
                Tags = options?.Tags?.ToDictionary(t => t.Key, t => t.Value) ?? [],
            },
        };
        Core.OrchestrationStatus[]? dedupe = options?.DedupeStatuses is { Count: > 0 } given
            ? given.Select(s => Enum.Parse<Core.OrchestrationStatus>(s, ignoreCase: true)).ToArray()
            : this.options.OverridableExistingInstanceStates == "AnyState" ? null : RunningStates;
        try
        {
            await service.CreateTaskOrchestrationAsync(message, dedupe).ConfigureAwait(false);
        }
        catch (Core.Exceptions.OrchestrationAlreadyExistsException e)
        {
            throw new InstanceAlreadyExistsException(instanceId, e);
        }

        return instanceId;
    }

    /// <inheritdoc />
    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        await SendToExistingAsync(instanceId, new EventRaisedEvent(-1, converter.Serialize(eventPayload)) { Name = eventName }, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// How long an event, suspend or resume for a <c>Pending</c> instance waits for it to start before
    /// <see cref="InstanceNotStartedException"/> (nothing sent).
    /// </summary>
    public TimeSpan PendingStartWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        var state = await GetStateAsync(instanceId, cancellation, fetchInput: getInputsAndOutputs).ConfigureAwait(false);
        if (state is null) return null;
        if (state.OrchestrationStatus == Core.OrchestrationStatus.Failed && state.FailureDetails is null)
        {
            // The provider's instance table has no failure details (only their text as the output); the history has them.
            state.FailureDetails = (await ReadHistoryAsync(state).ConfigureAwait(false)).OfType<ExecutionCompletedEvent>().LastOrDefault()?.FailureDetails;
        }

        return ToMetadata(state, getInputsAndOutputs);
    }

    /// <inheritdoc />
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    /// <inheritdoc />
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    /// <inheritdoc />
    public override async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (await GetStateAsync(instanceId, cancellation).ConfigureAwait(false) is null) throw new InstanceNotFoundException(instanceId);
        if (options?.Recursive == true)
        {
            foreach (var child in await GetSubOrchestrationIdsAsync(instanceId, cancellation).ConfigureAwait(false))
            {
                if (await GetStateAsync(child, cancellation).ConfigureAwait(false) is { } c && RunningStates.Contains(c.OrchestrationStatus))
                {
                    await TerminateInstanceAsync(child, options, cancellation).ConfigureAwait(false);
                }
            }
        }

        await service.ForceTerminateTaskOrchestrationAsync(instanceId, converter.Serialize(options?.Output)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendToExistingAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    /// <inheritdoc />
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendToExistingAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    /// <inheritdoc />
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var query = new Core.Query.OrchestrationQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(s => (Core.OrchestrationStatus)(int)s).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            var result = await service.GetOrchestrationWithQueryAsync(query, cancellation).ConfigureAwait(false);
            return new Page<OrchestrationMetadata>(result.OrchestrationState.Select(s => ToMetadata(s, query.FetchInputsAndOutputs)).ToList(), result.ContinuationToken);
        });

    /// <inheritdoc />
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var state = await GetStateAsync(instanceId, cancellation).ConfigureAwait(false);
        if (state is null) return new PurgeResult(0);
        if (RunningStates.Contains(state.OrchestrationStatus))
        {
            throw new InstanceNotRunningException(instanceId, state.OrchestrationStatus.ToString(), "Only a finished orchestration can be purged");
        }

        var purged = 0;
        if (options?.Recursive == true)
        {
            foreach (var child in await GetSubOrchestrationIdsAsync(instanceId, cancellation).ConfigureAwait(false))
            {
                purged += (await PurgeInstanceAsync(child, options, cancellation).ConfigureAwait(false)).PurgedInstanceCount;
            }
        }

        var result = await ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(instanceId).ConfigureAwait(false);
        return new PurgeResult(purged + result.DeletedInstanceCount);
    }

    /// <inheritdoc />
    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = filter.Statuses?.Select(s => (Core.OrchestrationStatus)(int)s).ToList();
        var result = await ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(
            new Core.PurgeInstanceFilter(filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue, filter.CreatedTo?.UtcDateTime, statuses)).ConfigureAwait(false);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    /// <summary>One instance's history (its current execution), in order. Sub-orchestrations are separate instances:
    /// follow their ids from the <see cref="SubOrchestrationInstanceCreatedEvent"/>s.</summary>
    public override async Task<IList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        var state = await GetStateAsync(instanceId, cancellation).ConfigureAwait(false) ?? throw new InstanceNotFoundException(instanceId);
        return await ReadHistoryAsync(state).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<IReadOnlyList<string>> GetSubOrchestrationIdsAsync(string instanceId, CancellationToken cancellation) =>
        (await GetOrchestrationHistoryAsync(instanceId, cancellation).ConfigureAwait(false))
            .OfType<SubOrchestrationInstanceCreatedEvent>().Select(e => e.InstanceId).Distinct().ToList();

    /// <summary>The instance row; its input (which may sit in a blob) only when asked for: a status check is one point read.</summary>
    private async Task<Core.OrchestrationState?> GetStateAsync(string instanceId, CancellationToken cancellation, bool fetchInput = false)
    {
        cancellation.ThrowIfCancellationRequested();
        var states = await service.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: fetchInput).ConfigureAwait(false);
        return states?.FirstOrDefault(s => s is not null);
    }

    /// <summary>The current execution's history, read from the provider and parsed into DTFx's event types.</summary>
    private async Task<IList<HistoryEvent>> ReadHistoryAsync(Core.OrchestrationState state) =>
        HistoryEventJson.Parse(await service.GetOrchestrationHistoryAsync(state.OrchestrationInstance.InstanceId, state.OrchestrationInstance.ExecutionId).ConfigureAwait(false));

    /// <summary>Sends an event, suspend or resume to an instance that exists, has started and has not finished.</summary>
    private async Task SendToExistingAsync(string instanceId, HistoryEvent e, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var state = await StartedStateAsync(instanceId, cancellation).ConfigureAwait(false);

        // DTFx would queue the message and drop it unseen; Durable Functions tells the caller.
        if (!RunningStates.Contains(state.OrchestrationStatus)) throw new InstanceNotRunningException(instanceId, state.OrchestrationStatus.ToString());
        await SendAsync(instanceId, e).ConfigureAwait(false);
    }

    /// <summary>
    /// The instance's state once it is no longer <c>Pending</c>. DTFx's Azure Storage provider discards a message for an
    /// instance whose history has no ExecutionStarted yet ("Discarding … dequeued history event(s): No such instance",
    /// event 139; Azure/durabletask#720), and a Pending instance's event can be dequeued before its start message: the
    /// start message was deferred by the provider's de-duplication check (dequeued before the Instances row was written)
    /// or sits invisible with a host that died holding it. Once the Instances row says Running the history with
    /// ExecutionStarted is written (the provider writes history before the row), so an event sent then is kept.
    /// </summary>
    private async Task<Core.OrchestrationState> StartedStateAsync(string instanceId, CancellationToken cancellation)
    {
        var state = await GetStateAsync(instanceId, cancellation).ConfigureAwait(false) ?? throw new InstanceNotFoundException(instanceId);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(100);
        while (state.OrchestrationStatus == Core.OrchestrationStatus.Pending || !Enum.IsDefined(state.OrchestrationStatus))
        {
            // A host that died between writing the history and the Instances row leaves the row behind for good (Pending,
            // or without a status at all: a redelivered start is discarded as a duplicate and rewrites nothing): the
            // history decides, and an instance with ExecutionStarted but no ExecutionCompleted is running.
            var history = await ReadHistoryAsync(state).ConfigureAwait(false);
            if (history.OfType<ExecutionStartedEvent>().Any())
            {
                if (!Enum.IsDefined(state.OrchestrationStatus))
                {
                    state.OrchestrationStatus = history.OfType<ExecutionCompletedEvent>().LastOrDefault()?.OrchestrationStatus ?? Core.OrchestrationStatus.Running;
                }

                return state;
            }

            if (waited.Elapsed >= PendingStartWait) throw new InstanceNotStartedException(instanceId, waited.Elapsed);
            await Task.Delay(delay, cancellation).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
            state = await GetStateAsync(instanceId, cancellation).ConfigureAwait(false) ?? throw new InstanceNotFoundException(instanceId);
        }

        return state;
    }

    private Task SendAsync(string instanceId, HistoryEvent e) =>
        service.SendTaskOrchestrationMessageAsync(new TaskMessage { OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId }, Event = e });

    private async Task<OrchestrationMetadata> PollAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false) ?? throw new InstanceNotFoundException(instanceId);
            if (done(metadata)) return metadata;
            await Task.Delay(delay, cancellation).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
        }
    }

    private static TaskFailureDetails? ToFailureDetails(Core.FailureDetails? f) =>
        f is null ? null : new TaskFailureDetails(f.ErrorType, f.ErrorMessage, f.StackTrace, ToFailureDetails(f.InnerFailure), null);

    /// <summary>A failed instance's output is DTFx's text of its failure details, "ErrorType: ErrorMessage".</summary>
    private static TaskFailureDetails? FailureFromOutput(Core.OrchestrationState state)
    {
        if (state.OrchestrationStatus != Core.OrchestrationStatus.Failed || string.IsNullOrEmpty(state.Output)) return null;
        var colon = state.Output.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && !state.Output[..colon].Contains(' ', StringComparison.Ordinal)
            ? new TaskFailureDetails(state.Output[..colon], state.Output[(colon + 2)..], null, null, null)
            : new TaskFailureDetails("OrchestrationFailed", state.Output, null, null, null);
    }

    private OrchestrationMetadata ToMetadata(Core.OrchestrationState state, bool getInputsAndOutputs) => new(state.Name, state.OrchestrationInstance.InstanceId)
    {
        RuntimeStatus = (OrchestrationRuntimeStatus)(int)state.OrchestrationStatus,
        CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
        LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
        SerializedInput = getInputsAndOutputs ? state.Input : null,
        SerializedOutput = getInputsAndOutputs ? state.Output : null,
        SerializedCustomStatus = state.Status,
        FailureDetails = ToFailureDetails(state.FailureDetails) ?? FailureFromOutput(state),
        Tags = state.Tags is { } tags ? tags.ToDictionary(t => t.Key, t => t.Value) : new Dictionary<string, string>(),
        DataConverter = converter,
    };
}
