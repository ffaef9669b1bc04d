namespace OneWindow.DurableTask;

/// <summary>The orchestration instance does not exist.</summary>
public sealed class InstanceNotFoundException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public InstanceNotFoundException(string instanceId)
        : base($"Orchestration instance '{instanceId}' was not found.")
    {
        InstanceId = instanceId;
    }

    /// <summary>The missing instance id.</summary>
    public string InstanceId { get; }
}
