namespace OneWindow.Orchestrations.Review;

/// <summary>A task's three escalation points as computed by an activity on the working-day calendar.</summary>
public sealed record TaskDeadlines(DateTimeOffset WarningAt, DateTimeOffset DueAt, DateTimeOffset LegalDueAt);
