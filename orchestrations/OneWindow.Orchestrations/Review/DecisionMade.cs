using OneWindow.Domain.Applications;

namespace OneWindow.Orchestrations.Review;

/// <summary>Payload of <see cref="ReviewEvents.Decision"/>: the decision as recorded on the task document, and who made it.</summary>
public sealed record DecisionMade(string Decision, string Actor, IReadOnlyList<CorrectionItem>? Items = null, int? SupplyWorkingDays = null);
