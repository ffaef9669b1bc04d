namespace OneWindow.Orchestrations.Applications;

/// <summary>Payload of <see cref="ApplicationEvents.CorrectionSubmitted"/>: which notice was answered.</summary>
public sealed record CorrectionSubmitted(string CorrectionId);
