namespace OneWindow.Orchestrations.Review;

/// <summary>
/// Input of a department-review instance (instance id = task id, which names the case, the stage and the item);
/// <paramref name="ClockOffset"/> is the parent's business-time offset when it started the task.
/// </summary>
public sealed record ReviewInput(string ApplicationId, string TaskId, string Kind, string StageCode, string ItemCode, string Department, DateTimeOffset StartedAt, TimeSpan ClockOffset = default);
