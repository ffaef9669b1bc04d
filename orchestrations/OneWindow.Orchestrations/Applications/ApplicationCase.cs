namespace OneWindow.Orchestrations.Applications;

/// <summary>
/// The application orchestration's input: references and times only, never personal data. The acceptance window
/// (Art. 32, 5 days; configurable) is read from configuration by the submitting function, not by the orchestrator;
/// <paramref name="ClockOffset"/> is business time minus real time when it was submitted (zero but in Development).
/// </summary>
public sealed record ApplicationCase(string ApplicationId, DateTimeOffset SubmittedAt, TimeSpan AcceptanceWindow, TimeSpan ClockOffset = default);
