namespace OneWindow.Orchestrations.Review;

/// <summary>
/// A task's three escalation points as computed by an activity on the working-day calendar, with the business-time
/// offset the activity saw (so a review learns a moved development clock from its activities too).
/// </summary>
public sealed record TaskDeadlines(DateTimeOffset WarningAt, DateTimeOffset DueAt, DateTimeOffset LegalDueAt, TimeSpan ClockOffset = default);
