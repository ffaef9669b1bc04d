namespace OneWindow.Orchestrations.Review;

/// <summary>Input of the task activities: which task, when (orchestration time), who caused it, and a step-specific reference.</summary>
public sealed record TaskStep(string TaskId, DateTimeOffset At, string Actor, string? Reference = null, int Round = 0);
