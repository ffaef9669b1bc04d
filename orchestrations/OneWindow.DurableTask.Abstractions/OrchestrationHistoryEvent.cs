namespace OneWindow.DurableTask;

/// <summary>One step of an instance's history, as supervisors read it.</summary>
public sealed record OrchestrationHistoryEvent
{
    /// <summary>The instance the event belongs to (a child's id for sub-orchestration events).</summary>
    public required string InstanceId { get; init; }

    /// <summary>The position in the returned list (0-based, global order).</summary>
    public int Sequence { get; init; }

    /// <summary>The event id inside its instance (task/timer/event correlation; -1 when not applicable).</summary>
    public int EventId { get; init; }

    /// <summary>When the event was recorded.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>ExecutionStarted, TaskScheduled, TaskCompleted, TaskFailed, TimerCreated, TimerFired, EventRaised, EventSent, SubOrchestrationInstanceCreated/Completed/Failed, ExecutionCompleted, ExecutionTerminated, ExecutionSuspended/Resumed, ContinueAsNew, ...</summary>
    public required string EventType { get; init; }

    /// <summary>Activity, orchestrator, timer or event name, as applicable.</summary>
    public string? Name { get; init; }

    /// <summary>Serialized input (JSON).</summary>
    public string? Input { get; init; }

    /// <summary>Serialized result or failure (JSON).</summary>
    public string? Result { get; init; }

    /// <summary>The parent instance id when the event belongs to a sub-orchestration.</summary>
    public string? ParentInstanceId { get; init; }
}
