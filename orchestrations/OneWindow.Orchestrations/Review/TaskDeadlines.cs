namespace OneWindow.Orchestrations.Review;

/// <summary>
/// A task's three escalation points as computed by an activity on the working-day calendar, with the business-time
/// offset the activity saw (so a review learns a moved development clock from its activities too), and the supply
/// deadline of the task's open correction notice when a re-derivation moved it.
/// </summary>
public sealed record TaskDeadlines(DateTimeOffset WarningAt, DateTimeOffset DueAt, DateTimeOffset LegalDueAt, TimeSpan ClockOffset = default, DateTimeOffset? SupplyDueAt = null);
