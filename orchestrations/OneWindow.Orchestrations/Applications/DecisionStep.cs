namespace OneWindow.Orchestrations.Applications;

/// <summary>Input of the RejectApplication and ApplyCorrection activities.</summary>
public sealed record DecisionStep(string ApplicationId, DateTimeOffset At, string? Reference, string? Reason);
