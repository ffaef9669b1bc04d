namespace OneWindow.Hosting.Durable;

/// <summary>The instance exists but is in a state that refuses the operation (an event for a finished instance, say).</summary>
public sealed class InstanceNotRunningException(string instanceId, string status, string what = "The orchestration instance")
    : InvalidOperationException($"{what} '{instanceId}' is {status}.")
{
    /// <summary>The instance id.</summary>
    public string InstanceId { get; } = instanceId;

    /// <summary>Its runtime status.</summary>
    public string Status { get; } = status;
}
