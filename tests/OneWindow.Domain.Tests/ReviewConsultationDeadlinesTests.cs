using OneWindow.Domain.Calendar;
using OneWindow.Domain.Review;
using Xunit;

namespace OneWindow.Domain.Tests;

public sealed class ReviewConsultationDeadlinesTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.CreateDefault();

    private static DateTimeOffset Shanghai(int year, int month, int day, int hour, int minute) =>
        WorkingDayCalendar.FromLocal(new DateOnly(year, month, day), new TimeSpan(hour, minute, 0));

    [Fact]
    public void A_consultation_asked_on_friday_for_two_working_days_is_due_tuesday_and_warned_monday()
    {
        var d = ConsultationDeadlines.For(Calendar, Shanghai(2026, 11, 27, 10, 0), 2);
        Assert.Equal(Shanghai(2026, 12, 1, 17, 30), d.DueAt);
        Assert.Equal(Shanghai(2026, 11, 30, 17, 30), d.WarningAt);
        Assert.Empty(d.ProvisionalYears);
    }

    [Fact]
    public void A_one_day_consultation_is_warned_no_earlier_than_it_was_asked()
    {
        var asked = Shanghai(2026, 11, 30, 16, 0);
        var d = ConsultationDeadlines.For(Calendar, asked, 1);
        Assert.Equal(Shanghai(2026, 12, 1, 17, 30), d.DueAt);
        Assert.Equal(Shanghai(2026, 11, 30, 17, 30), d.WarningAt);
        Assert.True(d.WarningAt >= asked);

        // Asked after office hours on Monday: one working day before Tuesday 17:30 is Monday 17:30, already past.
        var late = Shanghai(2026, 11, 30, 18, 0);
        Assert.Equal(late, ConsultationDeadlines.For(Calendar, late, 1).WarningAt);
    }

    [Fact]
    public void A_consultation_reaching_into_an_unloaded_year_is_provisional_until_the_year_is_loaded()
    {
        var asked = Shanghai(2026, 12, 28, 10, 0);
        var provisional = ConsultationDeadlines.For(Calendar, asked, 5);
        Assert.Contains(2027, provisional.ProvisionalYears);
        var loaded = Calendar.WithYear(new HolidayArrangement(2027, [new HolidayPeriod("元旦", [new DateOnly(2027, 1, 1)])], [new DateOnly(2027, 1, 2)]));
        var official = ConsultationDeadlines.For(loaded, asked, 5);
        Assert.Empty(official.ProvisionalYears);
        Assert.True(official.DueAt < provisional.DueAt, "the adjusted Saturday is one working day more");
    }
}
