namespace OneWindow.DurableTask;

/// <summary>Starts, inspects and controls orchestration instances.</summary>
public abstract class DurableTaskClient
{
    /// <summary>Schedules a new instance; rejects an id that is already pending, running or suspended with <see cref="OrchestrationAlreadyExistsException"/>.</summary>
    public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default);

    /// <summary>Raises an event; throws <see cref="InstanceNotFoundException"/> when the instance does not exist.</summary>
    public abstract Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default);

    /// <summary>Reads an instance, or null when it does not exist.</summary>
    public abstract Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Waits until the instance completes, fails or is terminated (poll; cancel with the token).</summary>
    public abstract Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Terminates a running instance.</summary>
    public abstract Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellation = default);

    /// <summary>Suspends a running instance; events are kept until it resumes.</summary>
    public abstract Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    /// <summary>Resumes a suspended instance.</summary>
    public abstract Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    /// <summary>Removes a finished instance and its history.</summary>
    public abstract Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default);

    /// <summary>Lists instances matching a filter, page by page.</summary>
    public abstract Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellation = default);

    /// <summary>The ordered history of an instance; sub-orchestrations' events are nested right after the event that created them.</summary>
    public abstract Task<IReadOnlyList<OrchestrationHistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, bool includeSubOrchestrations = true, CancellationToken cancellation = default);
}
