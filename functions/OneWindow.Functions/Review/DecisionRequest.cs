using OneWindow.Domain.Applications;

namespace OneWindow.Functions.Review;

/// <summary>A validated decision, from the worklist route or a department system's webhook.</summary>
public sealed record DecisionRequest(string Decision, string? Opinion, IReadOnlyList<CorrectionItem> Items, int? SupplyWorkingDays);
