using OneWindow.Domain.Calendar;
using OneWindow.Domain.Review;
using Xunit;

namespace OneWindow.Domain.Tests;

public sealed class ReviewOverdueScheduleTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.CreateDefault();

    private static DateTimeOffset Shanghai(int year, int month, int day, int hour, int minute) =>
        WorkingDayCalendar.FromLocal(new DateOnly(year, month, day), new TimeSpan(hour, minute, 0));

    [Fact]
    public void A_task_due_on_friday_is_escalated_again_at_the_end_of_monday_then_tuesday()
    {
        var due = Shanghai(2026, 11, 27, 17, 30); // Friday
        Assert.Equal(Shanghai(2026, 11, 30, 17, 30), OverdueSchedule.NextAfter(Calendar, due, 1));
        Assert.Equal(Shanghai(2026, 12, 1, 17, 30), OverdueSchedule.NextAfter(Calendar, due, 2));
    }

    [Fact]
    public void Holidays_are_skipped_and_adjusted_working_days_count()
    {
        // National Day 2026: 1–7 October off, Saturday 10 October an adjusted working day (holidays-cn.json).
        var due = Shanghai(2026, 9, 30, 17, 30);
        Assert.Equal(Shanghai(2026, 10, 8, 17, 30), OverdueSchedule.NextAfter(Calendar, due, 1));
        Assert.Equal(Shanghai(2026, 10, 9, 17, 30), OverdueSchedule.NextAfter(Calendar, due, 2));
        Assert.Equal(Shanghai(2026, 10, 10, 17, 30), OverdueSchedule.NextAfter(Calendar, due, 3)); // a Saturday, worked
        Assert.Equal(Shanghai(2026, 10, 12, 17, 30), OverdueSchedule.NextAfter(Calendar, due, 4));
    }

    [Fact]
    public void A_duration_deadline_in_the_night_repeats_at_the_end_of_the_next_working_day()
    {
        var due = Shanghai(2026, 11, 25, 23, 50); // a same-day item overdue late on Wednesday
        Assert.Equal(Shanghai(2026, 11, 26, 17, 30), OverdueSchedule.NextAfter(Calendar, due, 1));
    }

    [Fact]
    public void Round_zero_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OverdueSchedule.NextAfter(Calendar, Shanghai(2026, 11, 25, 9, 0), 0));
}
