using OneWindow.Domain.Calendar;

namespace OneWindow.Domain.Review;

/// <summary>
/// The deadlines of a consultation (意见征询) on the working-day calendar: due at 17:30 of the n-th working day after
/// it was asked, warned one working day before (never before it was asked), and the unloaded years they rest on.
/// </summary>
public sealed record ConsultationDeadlines(DateTimeOffset WarningAt, DateTimeOffset DueAt, IReadOnlyList<int> ProvisionalYears)
{
    public static ConsultationDeadlines For(WorkingDayCalendar calendar, DateTimeOffset askedAt, int workingDays)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var period = DeadlinePeriod.OfWorkingDays(workingDays);
        var due = calendar.ComputeDeadline(askedAt, period);
        var warning = calendar.WarningTime(askedAt, due, period);
        return new ConsultationDeadlines(warning.At, due.At, warning.ProvisionalYears);
    }
}
