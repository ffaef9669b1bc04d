namespace OneWindow.Domain.Calendar;

/// <summary>A count of working days or working time, with the unloaded years it rests on.</summary>
public sealed record WorkingTimeSpan(int WorkingDays, TimeSpan WorkingTime, IReadOnlyList<int> ProvisionalYears)
{
    public bool IsProvisional => ProvisionalYears.Count > 0;
}
