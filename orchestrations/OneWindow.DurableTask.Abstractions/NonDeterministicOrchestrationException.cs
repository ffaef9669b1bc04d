namespace OneWindow.DurableTask;

/// <summary>The orchestrator code no longer matches the history it is replaying; the message names the step.</summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NonDeterministicOrchestrationException(int eventId, string message)
        : base(message)
    {
        EventId = eventId;
    }

    /// <summary>The event id at which replay diverged.</summary>
    public int EventId { get; }
}
