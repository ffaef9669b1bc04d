namespace OneWindow.DurableTask;

/// <summary>Options for calling a sub-orchestration.</summary>
public record SubOrchestrationOptions : TaskOptions
{
    /// <summary>Creates options without retry.</summary>
    public SubOrchestrationOptions(TaskRetryOptions? retry = null, string? instanceId = null)
        : base(retry)
    {
        InstanceId = instanceId;
    }

    /// <summary>Copies retry settings from other options.</summary>
    public SubOrchestrationOptions(TaskOptions options)
        : base(options?.Retry)
    {
        if (options is SubOrchestrationOptions sub)
        {
            InstanceId = sub.InstanceId;
            Version = sub.Version;
        }
    }

    /// <summary>The instance id of the child; a deterministic id is derived from the parent when null.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The orchestrator version to start; the newest registered when null.</summary>
    public string? Version { get; init; }
}
