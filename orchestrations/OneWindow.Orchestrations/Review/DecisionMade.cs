using OneWindow.Domain.Applications;

namespace OneWindow.Orchestrations.Review;

/// <summary>
/// Payload of <see cref="ReviewEvents.Decision"/>: the decision as recorded on the task document, and who made it.
/// <paramref name="EventId"/> is the id of the decision's outbox record: the route and the replay timer may both raise
/// it, and the orchestration acts on the first only.
/// </summary>
public sealed record DecisionMade(string Decision, string Actor, IReadOnlyList<CorrectionItem>? Items = null, int? SupplyWorkingDays = null, string? EventId = null);
