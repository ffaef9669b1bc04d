namespace OneWindow.Domain.Applications;

/// <summary>
/// The window clerk's decision on a submitted case (API.md POST .../acceptance). Corrections are listed
/// all at once (one-time notification); deferred materials carry a supply deadline in working days.
/// </summary>
public sealed record AcceptanceDecision(
    string Decision,
    IReadOnlyList<string> DeferredMaterials,
    IReadOnlyList<CorrectionItem> Items,
    int? SupplyWorkingDays,
    string? Reason)
{
    public const string Accept = "accept";
    public const string AcceptDeferred = "accept-deferred";
    public const string RequestCorrection = "request-correction";
    public const string Reject = "reject";
}
