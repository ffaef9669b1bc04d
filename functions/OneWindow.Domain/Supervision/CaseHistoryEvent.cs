namespace OneWindow.Domain.Supervision;

/// <summary>
/// One event of a case's orchestration history, merged over the case and its department-review instances.
/// </summary>
/// <param name="Sequence">Position in the merged history (0-based, ordered by time, then instance, then event id).</param>
/// <param name="Timestamp">When the engine recorded it (real time).</param>
/// <param name="BusinessTimestamp">The same moment in business time (real time plus the development clock's offset then in effect; equal in production).</param>
/// <param name="InstanceId">The instance it belongs to: the case, or a task's review.</param>
/// <param name="EventId">The engine's event id in that instance (-1 for events without one).</param>
/// <param name="Type">The engine's event type (ExecutionStarted, TaskScheduled, TaskCompleted, TimerFired, EventRaised, ...).</param>
/// <param name="Name">Activity, sub-orchestration or event name, where the event has one.</param>
/// <param name="Data">Input, result, payload or failure, shortened; never personal data (orchestrations carry ids and times only).</param>
public sealed record CaseHistoryEvent(
    int Sequence,
    DateTimeOffset Timestamp,
    DateTimeOffset BusinessTimestamp,
    string InstanceId,
    int EventId,
    string Type,
    string? Name,
    string? Data);
