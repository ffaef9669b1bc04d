namespace OneWindow.Orchestrations.Review;

/// <summary>The stages of a case in order, as the PlanReview activity reads them from the application document.</summary>
public sealed record ReviewPlan(DateTimeOffset AcceptedAt, IReadOnlyList<PlannedStage> Stages);
