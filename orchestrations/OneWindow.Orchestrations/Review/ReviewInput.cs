namespace OneWindow.Orchestrations.Review;

/// <summary>
/// Input of a department-review instance (instance id = task id, which names the case, the stage and the item);
/// <paramref name="ClockOffset"/> is the parent's business-time offset when it started the task. <paramref name="Decisions"/> are
/// the decisions an intake or handling task takes (null: approve, reject, request-correction); <paramref name="ChiefOnly"/>
/// when only the department's chief may decide it (a reopened complaint).
/// </summary>
public sealed record ReviewInput(string ApplicationId, string TaskId, string Kind, string StageCode, string ItemCode, string Department, DateTimeOffset StartedAt, TimeSpan ClockOffset = default,
    IReadOnlyList<string>? Decisions = null, bool ChiefOnly = false);
