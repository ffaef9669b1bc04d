namespace OneWindow.DurableTask;

/// <summary>The status of an orchestration instance.</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Started and not yet finished.</summary>
    Running,

    /// <summary>Finished with a result.</summary>
    Completed,

    /// <summary>Restarted itself with new input.</summary>
    ContinuedAsNew,

    /// <summary>Finished with an unhandled failure.</summary>
    Failed,

    /// <summary>Canceled.</summary>
    Canceled,

    /// <summary>Stopped by a client.</summary>
    Terminated,

    /// <summary>Scheduled, not yet started.</summary>
    Pending,

    /// <summary>Paused by a client; events are kept until it is resumed.</summary>
    Suspended,
}
