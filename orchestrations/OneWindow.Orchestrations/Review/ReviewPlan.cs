namespace OneWindow.Orchestrations.Review;

/// <summary>
/// The stages of a case in order, as the PlanReview activity reads them from the application document, and the id of
/// the deferred-materials notice still to be answered (容缺受理), if any.
/// </summary>
public sealed record ReviewPlan(DateTimeOffset AcceptedAt, IReadOnlyList<PlannedStage> Stages, string? DeferredCorrectionId = null);
