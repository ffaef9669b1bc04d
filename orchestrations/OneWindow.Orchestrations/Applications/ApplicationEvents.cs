namespace OneWindow.Orchestrations.Applications;

/// <summary>External events of the application orchestration (docs/orchestrations.md lists who raises them).</summary>
public static class ApplicationEvents
{
    /// <summary>The window clerk's decision; payload <see cref="OneWindow.Domain.Applications.AcceptanceDecision"/>.</summary>
    public const string AcceptanceDecision = "AcceptanceDecision";

    /// <summary>The applicant answered a correction notice; payload <see cref="CorrectionSubmitted"/> (the answer itself is in the application document).</summary>
    public const string CorrectionSubmitted = "CorrectionSubmitted";
}
