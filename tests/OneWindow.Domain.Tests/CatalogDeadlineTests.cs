using OneWindow.Domain.Calendar;
using OneWindow.Domain.Catalog;
using Xunit;

namespace OneWindow.Domain.Tests;

public class CatalogDeadlineTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.CreateDefault();
    private static readonly DemoCountyData County = DemoCounty.Create(new Uri("http://127.0.0.1:7072"));

    private static DateTimeOffset Local(int y, int m, int d, int h = 10) => WorkingDayCalendar.FromLocal(new DateOnly(y, m, d), TimeSpan.FromHours(h));

    [Fact]
    public void Food_licence_warns_a_working_day_before_its_promise_and_tracks_the_legal_deadline()
    {
        var item = County.Items.Single(i => i.Code == "food-business-licence");
        var deadlines = ItemDeadlines.For(item, Local(2026, 11, 23), Calendar);
        Assert.Equal(Local(2026, 11, 30, 0) + new TimeSpan(17, 30, 0), deadlines.DueAt);           // 5 working days
        Assert.Equal(Local(2026, 11, 27, 0) + new TimeSpan(17, 30, 0), deadlines.WarningAt);
        Assert.Equal(Local(2026, 12, 21, 0) + new TimeSpan(17, 30, 0), deadlines.LegalDueAt);       // 20 working days
        Assert.False(deadlines.IsProvisional);
    }

    [Fact]
    public void Green_channel_shortens_and_extension_moves_both_deadlines()
    {
        var item = County.Items.Single(i => i.Code == "food-business-licence");
        var green = ItemDeadlines.For(item, Local(2026, 11, 23), Calendar, greenChannel: true);
        Assert.Equal(Local(2026, 11, 26, 0) + new TimeSpan(17, 30, 0), green.DueAt);
        var extended = ItemDeadlines.For(item, Local(2026, 11, 23), Calendar, extensionWorkingDays: 10);
        Assert.Equal(Local(2027, 1, 5, 0) + new TimeSpan(17, 30, 0), extended.LegalDueAt); // 12-22..31 (8), 01-01 off, 01-04, 01-05
        Assert.True(extended.IsProvisional);
        Assert.Throws<ArgumentOutOfRangeException>(() => ItemDeadlines.For(item, Local(2026, 11, 23), Calendar, extensionWorkingDays: 11));
    }

    [Fact]
    public void The_fast_demo_item_escalates_within_minutes()
    {
        var item = County.Items.Single(i => i.Code == DemoCounty.FastDemoItem);
        var start = new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);
        var deadlines = ItemDeadlines.For(item, start, Calendar);
        Assert.Equal(start.AddMinutes(3), deadlines.DueAt);
        Assert.Equal(start.AddSeconds(144), deadlines.WarningAt);
        Assert.Equal(start.AddMinutes(6), deadlines.LegalDueAt);
    }
}
