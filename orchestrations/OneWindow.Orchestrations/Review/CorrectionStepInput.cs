using OneWindow.Domain.Applications;

namespace OneWindow.Orchestrations.Review;

/// <summary>Input of the RequestTaskCorrection activity; the correction id comes from the orchestration (deterministic).</summary>
public sealed record CorrectionStepInput(string TaskId, string CorrectionId, DateTimeOffset At, string Actor, IReadOnlyList<CorrectionItem> Items, int? SupplyWorkingDays);
