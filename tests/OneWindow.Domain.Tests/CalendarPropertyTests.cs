using FsCheck.Xunit;
using OneWindow.Domain.Calendar;
using Xunit;

namespace OneWindow.Domain.Tests;

public class CalendarPropertyTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.CreateDefault();
    private static readonly DateOnly RangeStart = new(2025, 1, 1);
    private const int RangeDays = 365 * 3; // 2025–2027

    /// <summary>An instant in 2025–2027 at a minute of the Shanghai day chosen by the generator.</summary>
    private static DateTimeOffset Instant(ushort day, ushort minute) =>
        WorkingDayCalendar.FromLocal(RangeStart.AddDays(day % RangeDays), TimeSpan.FromMinutes(minute % (24 * 60)));

    [Property(MaxTest = 300)]
    public bool Counting_back_the_added_working_days_gives_n(ushort day, ushort minute, byte n)
    {
        var start = Instant(day, minute);
        var days = n % 70;
        return Calendar.CountWorkingDays(start, Calendar.AddWorkingDays(start, days).At).WorkingDays == days;
    }

    [Property(MaxTest = 300)]
    public bool AddWorkingDays_is_monotonic_in_n(ushort day, ushort minute, byte n)
    {
        var start = Instant(day, minute);
        var days = n % 70;
        return Calendar.AddWorkingDays(start, days).At < Calendar.AddWorkingDays(start, days + 1).At;
    }

    [Property(MaxTest = 300)]
    public bool AddWorkingDays_is_monotonic_in_t(ushort day, ushort minute, ushort laterMinutes, byte n)
    {
        var start = Instant(day, minute);
        var later = start.AddMinutes(laterMinutes % 5000);
        var days = n % 70;
        return Calendar.AddWorkingDays(start, days).At <= Calendar.AddWorkingDays(later, days).At;
    }

    [Property(MaxTest = 300)]
    public bool A_suspension_moves_the_deadline_by_exactly_the_suspended_working_time(ushort day, ushort minute, ushort offsetMinutes, ushort lengthMinutes, byte n)
    {
        var start = Instant(day, minute);
        var period = DeadlinePeriod.OfWorkingDays(1 + n % 40);
        var from = start.AddMinutes(offsetMinutes % 20000);
        var suspension = new SuspendedInterval(from, from.AddMinutes(lengthMinutes % 10000));
        var suspended = Calendar.CountWorkingDays(suspension.From, suspension.To!.Value).WorkingTime;
        var plain = Calendar.ComputeDeadline(start, period);
        var moved = Calendar.ComputeDeadline(start, period, [suspension]);
        return Calendar.CountWorkingDays(plain.At, moved.At).WorkingTime == suspended
            && (suspended > TimeSpan.Zero ? moved.At > plain.At : moved.At == plain.At);
    }

    [Property(MaxTest = 300)]
    public bool Working_time_added_is_working_time_counted(ushort day, ushort minute, ushort workMinutes)
    {
        var start = Instant(day, minute);
        var work = TimeSpan.FromMinutes(workMinutes % 20000);
        return Calendar.CountWorkingDays(start, Calendar.AddWorkingTime(start, work).At).WorkingTime == work
            && Calendar.CountWorkingDays(Calendar.SubtractWorkingTime(start, work).At, start).WorkingTime == work;
    }

    [Property(MaxTest = 500)]
    public bool Agrees_with_a_day_by_day_reference(ushort day, ushort minute, byte n)
    {
        var start = Instant(day, minute);
        var days = n % 60;
        var expected = ReferenceDeadline(start, days);
        var actual = Calendar.AddWorkingDays(start, days);
        return actual.At == expected && actual.IsProvisional == (days > 0 && expected.Year >= 2027 || ReachesInto2027(start, days));
    }

    private static bool ReachesInto2027(DateTimeOffset start, int days) =>
        days > 0 && DateOnly.FromDateTime(start.ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(1).Year >= 2027;

    /// <summary>A deliberately plain reference: lists of days, UTC+8 arithmetic, no shared code with the calendar.</summary>
    private static DateTimeOffset ReferenceDeadline(DateTimeOffset start, int days)
    {
        if (days == 0) return start;
        var off = new HashSet<string>
        {
            "2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02", "2025-02-03", "2025-02-04",
            "2025-04-04", "2025-04-05", "2025-04-06", "2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04", "2025-05-05",
            "2025-05-31", "2025-06-01", "2025-06-02", "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04", "2025-10-05",
            "2025-10-06", "2025-10-07", "2025-10-08",
            "2026-01-01", "2026-01-02", "2026-01-03", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
            "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23", "2026-04-04", "2026-04-05", "2026-04-06",
            "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05", "2026-06-19", "2026-06-20", "2026-06-21",
            "2026-09-25", "2026-09-26", "2026-09-27", "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05",
            "2026-10-06", "2026-10-07",
            // 2027 statutory fallback: 元旦, 春节 from the eve (lunar new year 2027-02-06), 清明, 劳动节, 端午 (06-09), 中秋 (09-15), 国庆.
            "2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-04-05", "2027-05-01", "2027-05-02",
            "2027-06-09", "2027-09-15", "2027-10-01", "2027-10-02", "2027-10-03",
        };
        var on = new HashSet<string> { "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11", "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10" };
        var local = start.ToOffset(TimeSpan.FromHours(8));
        var date = local.Date;
        var counted = 0;
        while (counted < days)
        {
            date = date.AddDays(1);
            var key = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            if (on.Contains(key) || (!weekend && !off.Contains(key))) counted++;
        }

        return new DateTimeOffset(date.AddHours(17).AddMinutes(30), TimeSpan.FromHours(8));
    }

    [Fact]
    public void Reference_2027_festival_dates_match_the_lunar_fallback()
    {
        var fallback = StatutoryHolidays.For(2027).Holidays.SelectMany(h => h.Days).Order().ToArray();
        Assert.Equal(
            new[] { "2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-04-05", "2027-05-01", "2027-05-02", "2027-06-09", "2027-09-15", "2027-10-01", "2027-10-02", "2027-10-03" },
            fallback.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
