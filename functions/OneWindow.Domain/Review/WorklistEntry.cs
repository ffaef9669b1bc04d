namespace OneWindow.Domain.Review;

/// <summary>One row of a department's worklist (API.md "Department work"); <paramref name="DecidedAt"/> in the lists of decided tasks.</summary>
public sealed record WorklistEntry(
    string TaskId,
    string ApplicationId,
    string Number,
    string ItemCode,
    string Kind,
    string Status,
    DateTimeOffset? WarningAt,
    DateTimeOffset? DueAt,
    bool GreenChannel,
    DateTimeOffset? DecidedAt = null)
{
    /// <summary>The worklist order of API.md: green channel first, then soonest due.</summary>
    public static IEnumerable<WorklistEntry> Ordered(IEnumerable<WorklistEntry> entries) =>
        entries.OrderByDescending(e => e.GreenChannel).ThenBy(e => e.DueAt ?? DateTimeOffset.MaxValue).ThenBy(e => e.TaskId, StringComparer.Ordinal);
}
