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

    /// <summary>
    /// The window round the decision answers: how many window corrections the case had when the clerk decided. The
    /// orchestration ignores a decision of another round, so a decision raised twice (a retry after a crash) cannot be
    /// taken again by a later round.
    /// </summary>
    public int Round { get; init; }

    /// <summary>The window round of <paramref name="application"/>: its window correction notices so far.</summary>
    public static int RoundOf(ApplicationRecord application) =>
        application?.Corrections.Count(c => c.Source == "window") ?? 0;
}
