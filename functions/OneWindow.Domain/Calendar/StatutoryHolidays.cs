using System.Globalization;

namespace OneWindow.Domain.Calendar;

/// <summary>
/// The statutory holidays of the 2024 holiday regulation, for years whose official arrangement is not
/// published yet. It cannot know the State Council's bridge days and adjusted weekends, so everything
/// computed from it is provisional.
/// </summary>
public static class StatutoryHolidays
{
    private static readonly ChineseLunisolarCalendar Lunar = new();

    /// <summary>The fallback arrangement of <paramref name="year"/> (no adjusted working days).</summary>
    public static HolidayArrangement For(int year)
    {
        var newYear = LunarDate(year, 1, 1);
        return new HolidayArrangement(
            year,
            [
                new("元旦", [new DateOnly(year, 1, 1)]),
                // Four days starting on the eve (除夕), the day before the first day of the first lunar month.
                new("春节", [newYear.AddDays(-1), newYear, newYear.AddDays(1), newYear.AddDays(2)]),
                new("清明节", [Qingming(year)]),
                new("劳动节", [new DateOnly(year, 5, 1), new DateOnly(year, 5, 2)]),
                new("端午节", [LunarDate(year, 5, 5)]),
                new("中秋节", [LunarDate(year, 8, 15)]),
                new("国庆节", [new DateOnly(year, 10, 1), new DateOnly(year, 10, 2), new DateOnly(year, 10, 3)]),
            ],
            []);
    }

    /// <summary>
    /// The Gregorian date of lunar month/day in the lunar year that starts in Gregorian <paramref name="year"/>.
    /// ChineseLunisolarCalendar numbers a leap month as an extra month, so months after it shift by one.
    /// </summary>
    public static DateOnly LunarDate(int year, int month, int day)
    {
        var leap = Lunar.GetLeapMonth(year);
        var index = leap != 0 && month >= leap ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }

    /// <summary>
    /// Qingming (solar longitude 15°) by the well-known 21st-century formula [Y·0.2422 + 4.81] − [Y/4],
    /// Y the last two digits of the year; exact for 2000–2099 in Beijing time.
    /// </summary>
    public static DateOnly Qingming(int year)
    {
        if (year is < 2000 or > 2099) throw new ArgumentOutOfRangeException(nameof(year), year, "Qingming is computed for 2000–2099.");
        var y = year % 100;
        var day = (int)Math.Floor(y * 0.2422 + 4.81) - y / 4;
        return new DateOnly(year, 4, day);
    }
}
