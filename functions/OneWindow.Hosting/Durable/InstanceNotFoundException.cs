namespace OneWindow.Hosting.Durable;

/// <summary>No orchestration instance has this id (never started, or purged).</summary>
public sealed class InstanceNotFoundException(string instanceId)
    : ArgumentException($"No orchestration instance with the id '{instanceId}' was found.", nameof(instanceId))
{
    /// <summary>The id asked for.</summary>
    public string InstanceId { get; } = instanceId;
}
