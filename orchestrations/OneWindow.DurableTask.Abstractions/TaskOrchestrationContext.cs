using Microsoft.Extensions.Logging;

namespace OneWindow.DurableTask;

/// <summary>
/// What an orchestrator sees. Everything here is deterministic on replay: time comes from history, ids from
/// <see cref="NewGuid"/>, waits are durable timers. Retries are implemented here on top of the core calls, with durable timers between attempts.
/// </summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>The orchestrator name.</summary>
    public abstract TaskName Name { get; }

    /// <summary>The instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The parent, when this is a sub-orchestration.</summary>
    public abstract ParentOrchestrationInstance? Parent { get; }

    /// <summary>The replay-safe current time (UTC): the time of the event being processed.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the orchestrator is replaying history rather than running new steps.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The orchestrator version this instance runs (recorded at its start).</summary>
    public abstract string Version { get; }

    /// <summary>The input, deserialized.</summary>
    public abstract T? GetInput<T>();

    /// <summary>Calls an activity without a result.</summary>
    public Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>Calls an activity; a failure throws <see cref="TaskFailedException"/> after retries are exhausted.</summary>
    public Task<T> CallActivityAsync<T>(TaskName name, object? input = null, TaskOptions? options = null) =>
        WithRetry(options?.Retry?.Policy, () => CallActivityCoreAsync<T>(name, input));

    /// <summary>Calls a sub-orchestration without a result.</summary>
    public Task CallSubOrchestratorAsync(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(orchestratorName, input, options);

    /// <summary>Calls a sub-orchestration; its failure throws <see cref="TaskFailedException"/> after retries are exhausted.</summary>
    public Task<T> CallSubOrchestratorAsync<T>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        var sub = options as SubOrchestrationOptions;
        var attempt = 0;
        return WithRetry(options?.Retry?.Policy, () =>
        {
            // Each retry needs a fresh child id, or the retry would collide with the failed child.
            attempt++;
            var instanceId = sub?.InstanceId is { } chosen ? (attempt == 1 ? chosen : $"{chosen}:{attempt}") : null;
            return CallSubOrchestratorCoreAsync<T>(orchestratorName, input, instanceId, sub?.Version ?? (orchestratorName.Version.Length > 0 ? orchestratorName.Version : null));
        });
    }

    /// <summary>A durable timer that fires at <paramref name="fireAt"/> (UTC). Cancelling it removes it.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer that fires after <paramref name="delay"/>.</summary>
    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) => CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>Waits for an external event; events raised earlier are buffered in order.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an external event with a durable timeout; throws <see cref="TaskCanceledException"/> on timeout.</summary>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var timerCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var eventCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var eventTask = WaitForExternalEvent<T>(eventName, eventCts.Token);
        var timerTask = CreateTimer(timeout, timerCts.Token);
        var winner = await Task.WhenAny(eventTask, timerTask).ConfigureAwait(true);
        // Cancel synchronously: CancelAsync would run the callbacks on the thread pool, outside the replay.
#pragma warning disable CA1849
        if (winner == eventTask)
        {
            timerCts.Cancel();
            return await eventTask.ConfigureAwait(true);
        }

        eventCts.Cancel();
#pragma warning restore CA1849
        throw new TaskCanceledException($"Timed out after {timeout} waiting for external event '{eventName}'.");
    }

    /// <summary>Sends an event to another instance (fire and forget, recorded in history).</summary>
    public abstract void SendEvent(string instanceId, string eventName, object? payload);

    /// <summary>Sets the custom status visible to clients.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Restarts this instance with new input and an empty history once the current execution returns.</summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A deterministic GUID: the same on every replay.</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that writes nothing while replaying.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    /// <summary>A logger that writes nothing while replaying.</summary>
    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);

    /// <summary>Schedules one activity invocation (no retry).</summary>
    protected abstract Task<T> CallActivityCoreAsync<T>(TaskName name, object? input);

    /// <summary>Starts one sub-orchestration (no retry); a null id is derived deterministically.</summary>
    protected abstract Task<T> CallSubOrchestratorCoreAsync<T>(TaskName name, object? input, string? instanceId, string? version);

    private async Task<T> WithRetry<T>(RetryPolicy? policy, Func<Task<T>> call)
    {
        if (policy is null)
        {
            return await call().ConfigureAwait(true);
        }

        var firstAttempt = CurrentUtcDateTime;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(true);
            }
            catch (TaskFailedException failure) when (attempt < policy.MaxNumberOfAttempts && policy.HandleFailure(failure.FailureDetails))
            {
                var delay = policy.GetDelay(attempt);
                if (policy.RetryTimeout != Timeout.InfiniteTimeSpan && CurrentUtcDateTime + delay - firstAttempt > policy.RetryTimeout)
                {
                    throw;
                }

                await CreateTimer(delay, CancellationToken.None).ConfigureAwait(true);
            }
        }
    }
}
