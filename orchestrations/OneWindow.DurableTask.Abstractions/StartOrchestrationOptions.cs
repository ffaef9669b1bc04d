namespace OneWindow.DurableTask;

/// <summary>Options for starting an orchestration.</summary>
/// <param name="InstanceId">The instance id; a new GUID when null.</param>
/// <param name="StartAt">Start no earlier than this time (by the runtime's TimeProvider).</param>
public record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null)
{
    /// <summary>The orchestrator version; the newest registered when null.</summary>
    public string? Version { get; init; }
}
