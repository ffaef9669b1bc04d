namespace OneWindow.Hosting.Durable;

/// <summary>
/// The instance exists but is still <c>Pending</c> (its start message not yet processed) after the client waited for it:
/// an event sent now could be discarded by the task hub, so none was sent. Retry later (HTTP answers 503).
/// </summary>
public sealed class InstanceNotStartedException(string instanceId, TimeSpan waited)
    : InvalidOperationException($"The orchestration instance '{instanceId}' has not started yet (still Pending after {waited.TotalSeconds:0.#} s); nothing was sent, retry later.")
{
    /// <summary>The instance id.</summary>
    public string InstanceId { get; } = instanceId;
}
