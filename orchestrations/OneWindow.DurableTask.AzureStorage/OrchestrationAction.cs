namespace OneWindow.DurableTask.AzureStorage;

/// <summary>Something the orchestrator code asked for (an activity, timer, sub-orchestration or event sent), numbered by event id.</summary>
internal sealed class OrchestrationAction
{
    public required int EventId { get; init; }

    /// <summary>The history event type that records it: TaskScheduled, TimerCreated, SubOrchestrationInstanceCreated or EventSent.</summary>
    public required string Type { get; init; }

    public string? Name { get; init; }

    public string? Version { get; init; }

    public string? Input { get; init; }

    public DateTimeOffset? FireAt { get; init; }

    public string? TargetInstanceId { get; init; }

    public string? TargetExecutionId { get; init; }

    /// <summary>Completes the awaiting task with a serialized result.</summary>
    public Action<string?>? Complete { get; init; }

    /// <summary>Fails the awaiting task.</summary>
    public Action<TaskFailureDetails>? Fail { get; init; }

    /// <summary>History already records this action.</summary>
    public bool Confirmed { get; set; }

    /// <summary>A timer canceled by the code: not emitted when still new.</summary>
    public bool Canceled { get; set; }

    /// <summary>The outcome was applied.</summary>
    public bool Done { get; set; }

    public string Describe() => Type switch
    {
        EventTypes.TaskScheduled => $"CallActivity '{Name}'",
        EventTypes.TimerCreated => "CreateTimer",
        EventTypes.SubOrchestrationInstanceCreated => $"CallSubOrchestrator '{Name}'",
        EventTypes.EventSent => $"SendEvent '{Name}'",
        _ => Type,
    };
}
