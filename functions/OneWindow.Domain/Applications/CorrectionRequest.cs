namespace OneWindow.Domain.Applications;

/// <summary>
/// A one-time correction notice (一次性告知): everything to correct, at once. The applicant's answer is recorded
/// here (materials, sealed note) before the orchestration is told, so the event carries only the correction id.
/// </summary>
public sealed record CorrectionRequest
{
    public const string Open = "open";
    public const string Submitted = "submitted";
    public const string Resolved = "resolved";

    /// <summary>The id of the window's notice for the materials of a deferred acceptance (容缺受理): one per case.</summary>
    public const string DeferredId = "deferred-materials";

    public required string Id { get; init; }
    public string Source { get; init; } = "window";
    public string? Department { get; init; }
    public required IReadOnlyList<CorrectionItem> Items { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>The supply period the deadline was counted with (re-derived when a provisional year is loaded).</summary>
    public int? SupplyWorkingDays { get; init; }
    public required string Status { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public IReadOnlyList<SubmittedMaterial> Materials { get; init; } = [];
    public string? SealedNote { get; init; }
}
