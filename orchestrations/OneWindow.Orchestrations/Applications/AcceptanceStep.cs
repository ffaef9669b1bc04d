using OneWindow.Domain.Applications;

namespace OneWindow.Orchestrations.Applications;

/// <summary>Input of the AcceptApplication activity: by a clerk's decision, or deemed by the 5-day rule (no decision).</summary>
public sealed record AcceptanceStep(string ApplicationId, DateTimeOffset AcceptedAt, AcceptanceDecision? Decision);
