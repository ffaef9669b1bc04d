namespace OneWindow.Domain.Calendar;

/// <summary>The holiday arrangements loaded by administrators, on top of the shipped seed.</summary>
public interface ICalendarStore
{
    /// <summary>The calendar with the seed and every stored year (a stored year replaces the seed's).</summary>
    Task<WorkingDayCalendar> GetCalendarAsync(CancellationToken cancellationToken = default);

    /// <summary>The arrangement of a year: stored, else seeded, else null.</summary>
    Task<HolidayArrangement?> GetArrangementAsync(int year, CancellationToken cancellationToken = default);

    Task SaveArrangementAsync(HolidayArrangement arrangement, CancellationToken cancellationToken = default);
}
