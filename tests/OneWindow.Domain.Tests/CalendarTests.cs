using OneWindow.Domain.Calendar;
using Xunit;

namespace OneWindow.Domain.Tests;

public class CalendarTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.CreateDefault();

    private static DateTimeOffset Local(int y, int m, int d, int h = 10, int min = 0) =>
        WorkingDayCalendar.FromLocal(new DateOnly(y, m, d), new TimeSpan(h, min, 0));

    [Theory]
    [InlineData("2025-01-01", false)] // 元旦
    [InlineData("2025-01-26", true)]  // Sunday made a working day before 春节
    [InlineData("2025-01-28", false)] // 除夕
    [InlineData("2025-02-04", false)]
    [InlineData("2025-02-08", true)]  // Saturday made a working day
    [InlineData("2025-04-04", false)] // 清明
    [InlineData("2025-04-27", true)]  // Sunday worked before 劳动节
    [InlineData("2025-05-05", false)]
    [InlineData("2025-06-02", false)] // 端午
    [InlineData("2025-09-28", true)]  // Sunday worked before 国庆
    [InlineData("2025-10-08", false)]
    [InlineData("2025-10-11", true)]  // Saturday worked after 国庆
    [InlineData("2025-10-13", true)]
    [InlineData("2025-10-12", false)] // ordinary Sunday
    [InlineData("2026-01-02", false)]
    [InlineData("2026-01-04", true)]  // Sunday worked
    [InlineData("2026-02-14", true)]  // Saturday worked before 春节
    [InlineData("2026-02-23", false)]
    [InlineData("2026-02-28", true)]
    [InlineData("2026-04-06", false)]
    [InlineData("2026-05-09", true)]
    [InlineData("2026-06-19", false)]
    [InlineData("2026-09-20", true)]
    [InlineData("2026-09-25", false)] // 中秋
    [InlineData("2026-10-07", false)]
    [InlineData("2026-10-10", true)]
    [InlineData("2026-11-23", true)]  // ordinary Monday
    public void Official_arrangements_of_2025_and_2026_are_applied(string date, bool working)
    {
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Acceptance_day_does_not_count_and_deadline_ends_at_1730_Shanghai()
    {
        // Accepted Monday 2026-11-23 10:00; day 1 is Tuesday, day 3 is Thursday 2026-11-26 17:30 (09:30 UTC).
        var deadline = Calendar.AddWorkingDays(Local(2026, 11, 23), 3);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 9, 30, 0, TimeSpan.Zero), deadline.At);
        Assert.False(deadline.IsProvisional);
    }

    [Fact]
    public void Start_outside_office_hours_still_starts_counting_the_next_day()
    {
        var lateEvening = Calendar.AddWorkingDays(Local(2026, 11, 23, 22, 0), 1);
        var earlyMorning = Calendar.AddWorkingDays(Local(2026, 11, 23, 6, 0), 1);
        Assert.Equal(Local(2026, 11, 24, 17, 30), lateEvening.At);
        Assert.Equal(Local(2026, 11, 24, 17, 30), earlyMorning.At);
    }

    [Fact]
    public void National_day_week_is_skipped_and_adjusted_saturday_counts()
    {
        // Accepted Tuesday 2026-09-29: 09-30 (1), holidays 10-01..10-07, 10-08 (2), 10-09 (3), Saturday 10-10 worked (4).
        Assert.Equal(Local(2026, 10, 10, 17, 30), Calendar.AddWorkingDays(Local(2026, 9, 29), 4).At);
    }

    [Fact]
    public void Spring_festival_2025_is_skipped_with_adjusted_sunday_before()
    {
        // Accepted Friday 2025-01-24: Sunday 01-26 worked (1), 01-27 (2), 01-28..02-04 off, 02-05 (3).
        Assert.Equal(Local(2025, 1, 26, 17, 30), Calendar.AddWorkingDays(Local(2025, 1, 24), 1).At);
        Assert.Equal(Local(2025, 2, 5, 17, 30), Calendar.AddWorkingDays(Local(2025, 1, 24), 3).At);
    }

    [Fact]
    public void Twenty_working_days_over_spring_festival_2026()
    {
        // 2026-02-09 (Mon) accepted. Working: 02-10..13 (4), Sat 02-14 (5), 02-24..27 (9), Sat 02-28 (10), 03-02..06 (15), 03-09..13 (20).
        Assert.Equal(Local(2026, 3, 13, 17, 30), Calendar.AddWorkingDays(Local(2026, 2, 9), 20).At);
    }

    [Fact]
    public void Deadlines_reaching_into_an_unloaded_year_are_provisional()
    {
        var deadline = Calendar.AddWorkingDays(Local(2026, 12, 21), 20);
        Assert.True(deadline.IsProvisional);
        Assert.Equal([2027], deadline.ProvisionalYears);
        // Fallback 2027: 01-01 (Friday) is 元旦; from Monday 12-21: 12-22..25 (4), 12-28..31 (8), 01-04..08 (13), 01-11..15 (18), 01-19 (20).
        Assert.Equal(Local(2027, 1, 19, 17, 30), deadline.At);
    }

    [Fact]
    public void Loading_the_year_makes_results_official_and_can_change_them()
    {
        var arrangement2027 = new HolidayArrangement(2027, [new HolidayPeriod("元旦", [new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 4)])], []);
        var loaded = Calendar.WithYear(arrangement2027);
        var deadline = loaded.AddWorkingDays(Local(2026, 12, 21), 20);
        Assert.False(deadline.IsProvisional);
        Assert.Equal(Local(2027, 1, 20, 17, 30), deadline.At); // 01-04 off as well
    }

    [Theory]
    [InlineData(2025, "2025-04-04")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-04-05")]
    [InlineData(2028, "2028-04-04")]
    public void Qingming_follows_the_solar_term(int year, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), StatutoryHolidays.Qingming(year));
    }

    [Fact]
    public void Statutory_fallback_matches_the_lunar_festivals()
    {
        // 2025 and 2026 are known years to check the lunar arithmetic against the official notices.
        var y2025 = StatutoryHolidays.For(2025).Holidays.ToDictionary(h => h.Name, h => h.Days);
        Assert.Equal(new DateOnly(2025, 1, 28), y2025["春节"][0]);
        Assert.Equal(new DateOnly(2025, 5, 31), y2025["端午节"][0]);
        // 2025 has a leap sixth month: Mid-Autumn is 10-06, not a month early.
        Assert.Equal(new DateOnly(2025, 10, 6), y2025["中秋节"][0]);
        var y2026 = StatutoryHolidays.For(2026).Holidays.ToDictionary(h => h.Name, h => h.Days);
        Assert.Equal(new DateOnly(2026, 2, 16), y2026["春节"][0]);
        Assert.Equal(new DateOnly(2026, 6, 19), y2026["端午节"][0]);
        Assert.Equal(new DateOnly(2026, 9, 25), y2026["中秋节"][0]);
        var y2027 = StatutoryHolidays.For(2027).Holidays.ToDictionary(h => h.Name, h => h.Days);
        Assert.Equal(new DateOnly(2027, 2, 5), y2027["春节"][0]);
        Assert.Equal(4, y2027["春节"].Count);
    }

    [Fact]
    public void Office_time_counts_only_office_hours()
    {
        var span = Calendar.CountWorkingDays(Local(2026, 11, 23, 11, 0), Local(2026, 11, 23, 14, 0));
        Assert.Equal(TimeSpan.FromMinutes(90), span.WorkingTime);
        var overNight = Calendar.CountWorkingDays(Local(2026, 11, 23, 17, 0), Local(2026, 11, 24, 9, 30));
        Assert.Equal(TimeSpan.FromMinutes(60), overNight.WorkingTime);
    }

    [Fact]
    public void A_suspension_over_a_whole_working_day_moves_the_deadline_one_working_day()
    {
        var start = Local(2026, 11, 23);
        var suspension = new SuspendedInterval(Local(2026, 11, 24, 8, 0), Local(2026, 11, 24, 18, 0));
        var deadline = Calendar.ComputeDeadline(start, DeadlinePeriod.OfWorkingDays(3), [suspension]);
        Assert.Equal(Local(2026, 11, 27, 17, 30), deadline.At);
    }

    [Fact]
    public void A_partial_suspension_moves_the_deadline_into_the_next_morning()
    {
        var start = Local(2026, 11, 23);
        var suspension = new SuspendedInterval(Local(2026, 11, 24, 10, 0), Local(2026, 11, 24, 11, 30));
        var deadline = Calendar.ComputeDeadline(start, DeadlinePeriod.OfWorkingDays(3), [suspension]);
        Assert.Equal(Local(2026, 11, 27, 10, 30), deadline.At);
    }

    [Fact]
    public void Duration_deadlines_are_wall_clock_and_warn_at_twenty_percent()
    {
        var start = new DateTimeOffset(2026, 11, 22, 23, 0, 0, TimeSpan.Zero); // a Monday 07:00 in Shanghai, before office hours
        var period = DeadlinePeriod.OfDuration(TimeSpan.FromMinutes(5));
        var deadline = Calendar.ComputeDeadline(start, period, [new SuspendedInterval(start.AddMinutes(1), start.AddMinutes(3))]);
        Assert.Equal(start.AddMinutes(7), deadline.At);
        var warning = Calendar.WarningTime(start, Calendar.ComputeDeadline(start, period), period);
        Assert.Equal(start.AddMinutes(4), warning.At);
    }

    [Fact]
    public void Default_warning_is_one_working_day_before_the_promised_deadline()
    {
        var start = Local(2026, 11, 23);
        var period = DeadlinePeriod.OfWorkingDays(5); // due Monday 2026-11-30 17:30
        var promised = Calendar.ComputeDeadline(start, period);
        Assert.Equal(Local(2026, 11, 30, 17, 30), promised.At);
        Assert.Equal(Local(2026, 11, 27, 17, 30), Calendar.WarningTime(start, promised, period).At);
        Assert.Equal(Local(2026, 11, 26, 17, 30), Calendar.WarningTime(start, promised, period, DeadlinePeriod.OfWorkingDays(2)).At);
    }

    [Fact]
    public void Arrangement_validation_names_the_fields()
    {
        var bad = new HolidayArrangement(2027, [new HolidayPeriod("", [new DateOnly(2026, 1, 1)])], [new DateOnly(2027, 1, 4)]);
        var errors = bad.Validate();
        Assert.Contains("holidays[0].name", errors.Keys);
        Assert.Contains("holidays[0].days", errors.Keys);
        Assert.Contains("adjustedWorkingDays", errors.Keys); // 2027-01-04 is a Monday
        Assert.Empty(WorkingDayCalendar.SeedArrangements()[0].Validate());
    }

    [Fact]
    public void Coverage_asks_for_next_year_from_december()
    {
        Assert.Empty(CalendarCoverage.MissingYears(Calendar, Local(2026, 11, 30)));
        Assert.Equal([2027], CalendarCoverage.MissingYears(Calendar, Local(2026, 12, 1)));
        Assert.Equal([2027], CalendarCoverage.MissingYears(Calendar, Local(2027, 3, 1)));
    }
}
