namespace OneWindow.Domain.Review;

/// <summary>
/// A row of the outbox index: a task whose document may carry a <see cref="DecisionOutboxRecord"/> with this event id,
/// written before the decision so the replay timer finds the task with a point read (no query, BRIEF D4).
/// </summary>
public sealed record OutboxEntry(string EventId, string TaskId, DateTimeOffset At);
