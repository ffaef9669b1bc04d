namespace OneWindow.Domain.Calendar;

/// <summary>
/// Which years a calendar should have loaded by now: the current year always, and the next one from
/// December on, because 20-working-day cases accepted in December already reach into January (BRIEF:
/// the State Council publishes the arrangement around November).
/// </summary>
public static class CalendarCoverage
{
    public static IReadOnlyList<int> MissingYears(WorkingDayCalendar calendar, DateTimeOffset now)
    {
        var local = WorkingDayCalendar.ToLocal(now);
        var needed = local.Month == 12 ? new[] { local.Year, local.Year + 1 } : [local.Year];
        return needed.Where(y => !calendar.IsLoaded(y)).ToArray();
    }
}
