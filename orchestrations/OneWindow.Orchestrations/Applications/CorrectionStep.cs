using OneWindow.Domain.Applications;

namespace OneWindow.Orchestrations.Applications;

/// <summary>Input of the RequestCorrection activity; the correction id comes from the orchestration (deterministic).</summary>
public sealed record CorrectionStep(string ApplicationId, string CorrectionId, DateTimeOffset RequestedAt, IReadOnlyList<CorrectionItem> Items, int? SupplyWorkingDays);
