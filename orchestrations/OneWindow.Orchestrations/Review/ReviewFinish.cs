namespace OneWindow.Orchestrations.Review;

/// <summary>Input of the FinishReview activity: the case's final status (approved, rejected, terminated) and why.</summary>
public sealed record ReviewFinish(string ApplicationId, string Status, DateTimeOffset At, string? Reason, string Actor);
