namespace OneWindow.Orchestrations.Review;

/// <summary>How a task ended: <c>approved</c>, <c>rejected</c>, <c>cancelled</c> or <c>correction-expired</c> (the supply deadline passed).</summary>
public sealed record ReviewOutcome(string TaskId, string Department, string Status)
{
    public const string CorrectionExpired = "correction-expired";
}
