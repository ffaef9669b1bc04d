namespace OneWindow.Domain.Supervision;

/// <summary>The follow-up of a poor evaluation: open until a supervisor closes it with a note.</summary>
public sealed record EvaluationFollowUp(string Status, string? Note = null, DateTimeOffset? ClosedAt = null, string? ClosedBy = null)
{
    public const string Open = "open";
    public const string Closed = "closed";
}
