using OneWindow.Domain.Applications;

namespace OneWindow.Domain.Review;

/// <summary>
/// The outbox record of a decision: written on the task document in the same write as the decision itself, and removed
/// once its event reached the task's orchestration. While it is there the decision may not have been raised; the route
/// raises it, and the <c>ReplayDecisionOutbox</c> timer raises it again if the route's host died first. The event id
/// travels with the event, so the orchestration drops a second delivery.
/// </summary>
public sealed record DecisionOutboxRecord(
    string EventId,
    DateTimeOffset RecordedAt,
    string Decision,
    string Actor,
    IReadOnlyList<CorrectionItem>? Items = null,
    int? SupplyWorkingDays = null);
