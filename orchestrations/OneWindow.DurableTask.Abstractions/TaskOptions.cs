namespace OneWindow.DurableTask;

/// <summary>Options for calling an activity or a sub-orchestration.</summary>
/// <param name="Retry">The retry behaviour, or null to fail on the first failure.</param>
public record TaskOptions(TaskRetryOptions? Retry = null)
{
    /// <summary>Options that retry according to <paramref name="policy"/>.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(new TaskRetryOptions(policy));

    /// <summary>Options for a sub-orchestration with a chosen instance id.</summary>
    public SubOrchestrationOptions WithInstanceId(string instanceId) => new(this) { InstanceId = instanceId };
}
