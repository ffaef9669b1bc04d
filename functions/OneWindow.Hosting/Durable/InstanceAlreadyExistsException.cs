namespace OneWindow.Hosting.Durable;

/// <summary>An instance with this id is pending, running or suspended, so it cannot be started again (Durable Functions' rule).</summary>
public sealed class InstanceAlreadyExistsException(string instanceId, Exception? inner = null)
    : InvalidOperationException($"An orchestration instance with the id '{instanceId}' already exists and has not finished.", inner)
{
    /// <summary>The instance id.</summary>
    public string InstanceId { get; } = instanceId;
}
