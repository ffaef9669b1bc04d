namespace OneWindow.Orchestrations.Review;

/// <summary>Input of the StartStage activity.</summary>
public sealed record StageStep(string ApplicationId, string StageCode, DateTimeOffset At);
