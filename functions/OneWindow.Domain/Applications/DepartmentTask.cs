namespace OneWindow.Domain.Applications;

/// <summary>One item of one stage handled by one department (API.md task; kind review, consolidation or consultation).</summary>
public sealed record DepartmentTask
{
    public const string Waiting = "waiting";
    public const string InReview = "in-review";

    public required string Id { get; init; }
    public string Kind { get; init; } = "review";
    public required string ItemCode { get; init; }
    public required string Department { get; init; }
    public required string Status { get; init; }
    public DateTimeOffset? WarningAt { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public DateTimeOffset? LegalDueAt { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? Decision { get; init; }
    public string? Opinion { get; init; }

    /// <summary>The latest progress update from the department's system (step: note), if any.</summary>
    public string? Progress { get; init; }
}
