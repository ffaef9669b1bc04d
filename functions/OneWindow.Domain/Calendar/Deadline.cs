namespace OneWindow.Domain.Calendar;

/// <summary>
/// A computed instant. <see cref="ProvisionalYears"/> lists the years whose official arrangement was not
/// loaded when it was computed (the statutory fallback was used): recompute when one of them is loaded.
/// </summary>
public sealed record Deadline(DateTimeOffset At, IReadOnlyList<int> ProvisionalYears)
{
    public bool IsProvisional => ProvisionalYears.Count > 0;
}
