namespace OneWindow.DurableTask.AzureStorage;

/// <summary>One row of an instance's history (and the body of a queue message, which carries the same fields).</summary>
internal sealed record HistoryEvent
{
    public required string Type { get; init; }

    /// <summary>Correlates actions with their outcomes (task, timer, sub-orchestration, event sent); -1 otherwise.</summary>
    public int EventId { get; init; } = -1;

    public DateTimeOffset Timestamp { get; init; }

    public string? Name { get; init; }

    public string? Version { get; init; }

    public string? Input { get; init; }

    public string? Result { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    public DateTimeOffset? FireAt { get; init; }

    /// <summary>Target/child instance id (sub-orchestrations, events sent).</summary>
    public string? TargetInstanceId { get; init; }

    /// <summary>Child execution id for sub-orchestrations.</summary>
    public string? TargetExecutionId { get; init; }

    /// <summary>ExecutionStarted of a sub-orchestration: the parent to report to.</summary>
    public string? ParentInstanceId { get; init; }

    public string? ParentExecutionId { get; init; }

    public string? ParentName { get; init; }

    public int ParentEventId { get; init; } = -1;

    /// <summary>Identity of an incoming event message, used to drop duplicates.</summary>
    public string? MessageId { get; init; }

    /// <summary>OrchestratorStarted: the worker that ran the work item (shows which host processed which step).</summary>
    public string? Host { get; init; }
}
