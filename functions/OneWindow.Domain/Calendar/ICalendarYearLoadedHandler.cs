namespace OneWindow.Domain.Calendar;

/// <summary>
/// Told when an administrator loads a year's official arrangement, so provisional deadlines resting on that
/// year can be recomputed (decision 0300). Register implementations in DI; the calendar admin function calls
/// every one after storing the year.
/// </summary>
public interface ICalendarYearLoadedHandler
{
    Task YearLoadedAsync(int year, WorkingDayCalendar calendar, CancellationToken cancellationToken);
}
