using OneWindow.Domain.Calendar;

namespace OneWindow.Domain.Review;

/// <summary>
/// When an overdue task is escalated again (decision 0600): at its promised deadline, then at 17:30 of each further
/// working day it stays open — the n-th repeat at the end of the n-th working day after the due time's date.
/// </summary>
public static class OverdueSchedule
{
    /// <summary>The time of the escalation after round <paramref name="round"/> (1 = the one at the due time itself).</summary>
    public static DateTimeOffset NextAfter(WorkingDayCalendar calendar, DateTimeOffset dueAt, int round)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfLessThan(round, 1);
        return calendar.AddWorkingDays(dueAt, round).At;
    }
}
