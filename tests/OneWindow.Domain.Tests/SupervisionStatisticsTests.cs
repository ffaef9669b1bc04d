using OneWindow.Domain.Calendar;
using OneWindow.Domain.Review;
using OneWindow.Domain.Supervision;
using Xunit;

namespace OneWindow.Domain.Tests;

/// <summary>The counter documents, the period of a statistics request and the working time a task took.</summary>
public sealed class SupervisionStatisticsTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.CreateDefault();

    private static DateTimeOffset Shanghai(int year, int month, int day, int hour, int minute) =>
        WorkingDayCalendar.FromLocal(new DateOnly(year, month, day), new TimeSpan(hour, minute, 0));

    private static readonly StatisticsMonth Empty = StatisticsMonth.Create("fire-rescue", 2026, 11);

    [Fact]
    public void A_change_applied_twice_under_one_key_counts_once()
    {
        var once = Empty.Apply(new DateOnly(2026, 11, 3), "received:t1", f => f with { Received = f.Received + 1 })!;
        Assert.Null(once.Apply(new DateOnly(2026, 11, 3), "received:t1", f => f with { Received = f.Received + 1 }));
        var twice = once.Apply(new DateOnly(2026, 11, 3), "received:t2", f => f with { Received = f.Received + 1 })!;
        Assert.Equal(2, twice.Days["03"].Received);
    }

    [Fact]
    public void The_recent_keys_stay_bounded_whatever_the_number_of_changes()
    {
        var month = Empty;
        for (var i = 0; i < StatisticsMonth.RecentKeys + 100; i++)
            month = month.Apply(new DateOnly(2026, 11, 1 + i % 30), "received:t" + i, f => f with { Received = f.Received + 1 })!;
        Assert.Equal(StatisticsMonth.RecentKeys, month.Recent.Count);
        Assert.Equal(StatisticsMonth.KeyOf("received:t" + (StatisticsMonth.RecentKeys + 99)), month.Recent[^1]);
        Assert.Equal(12, month.Recent[^1].Length);
        Assert.Equal(StatisticsMonth.RecentKeys + 100, month.Sum(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)).Received);
    }

    [Fact]
    public void A_month_document_is_as_large_with_one_change_as_with_many()
    {
        var web = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        var one = Empty.Apply(new DateOnly(2026, 11, 3), "received:t1", f => f with { Received = 1 })!;
        var many = Empty;
        for (var i = 0; i < 1000; i++) many = many.Apply(new DateOnly(2026, 11, 1 + i % 30), "received:t" + i, f => f with { Received = f.Received + 1 })!;
        var (small, large) = (System.Text.Json.JsonSerializer.Serialize(one, web).Length, System.Text.Json.JsonSerializer.Serialize(many, web).Length);
        Assert.True(large - small < 100, $"{small} vs {large} characters");
        Assert.Equal(30, Empty.Days.Count);
    }

    [Fact]
    public void Figures_are_stored_with_short_names()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new StatisticsFigures { Received = 2, WorkingDays = 1.5 }, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        Assert.StartsWith("{\"r\":2,\"c\":0,", json, StringComparison.Ordinal);
        Assert.Equal(2, System.Text.Json.JsonSerializer.Deserialize<StatisticsFigures>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!.Received);
    }

    [Fact]
    public void A_sum_takes_the_days_of_the_period_only()
    {
        var month = Empty.Apply(new DateOnly(2026, 11, 1), "a", f => f with { Completed = 1, WorkingDays = 2 })!
            .Apply(new DateOnly(2026, 11, 15), "b", f => f with { Completed = f.Completed + 1, WorkingDays = f.WorkingDays + 4 })!
            .Apply(new DateOnly(2026, 11, 30), "c", f => f with { Completed = f.Completed + 1 })!;
        var sum = month.Sum(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 30));
        Assert.Equal(2, sum.Completed);
        Assert.Equal(4, sum.WorkingDays);
        var row = DepartmentStatistics.Of("fire-rescue", "县消防救援大队", sum with { Evaluations = 2, ScoreSum = 7 });
        Assert.Equal(2, row.AverageWorkingDays);
        Assert.Equal(3.5, row.Satisfaction);
        Assert.Null(DepartmentStatistics.Of("x", "x", new StatisticsFigures()).AverageWorkingDays);
    }

    [Theory]
    [InlineData("2026-11-01", "2026-11-30", "2026-11-01", "2026-11-30")]
    [InlineData(null, null, "2026-11-01", "2026-11-30")]
    [InlineData("2026-10-31T16:00:00Z", "2026-11-30", "2026-11-01", "2026-11-30")] // midnight in Shanghai
    public void A_period_is_read_as_shanghai_dates(string? from, string? to, string expectedFrom, string expectedTo)
    {
        var period = StatisticsPeriod.Parse(from, to, new DateOnly(2026, 11, 30), out var errors);
        Assert.Empty(errors);
        Assert.Equal(DateOnly.Parse(expectedFrom, System.Globalization.CultureInfo.InvariantCulture), period!.From);
        Assert.Equal(DateOnly.Parse(expectedTo, System.Globalization.CultureInfo.InvariantCulture), period.To);
    }

    [Theory]
    [InlineData("2026-13-01", null, "from")]
    [InlineData("yesterday", null, "from")]
    [InlineData(null, "2026-02-30", "to")]
    [InlineData("2026-11-30", "2026-11-01", "from")]
    [InlineData("2020-01-01", "2026-11-30", "to")]
    public void A_bad_period_names_its_field(string? from, string? to, string field)
    {
        Assert.Null(StatisticsPeriod.Parse(from, to, new DateOnly(2026, 11, 30), out var errors));
        Assert.True(errors.ContainsKey(field), string.Join(", ", errors.Keys));
    }

    [Fact]
    public void A_period_lists_every_month_it_touches()
    {
        var period = new StatisticsPeriod(new DateOnly(2025, 12, 20), new DateOnly(2026, 2, 1));
        Assert.Equal([(2025, 12), (2026, 1), (2026, 2)], period.Months());
    }

    [Fact]
    public void The_working_time_a_task_took_leaves_out_nights_weekends_and_suspensions()
    {
        // Monday 09:00 to Wednesday 17:30 is three office days; a suspension of Tuesday afternoon (4 h) comes off.
        var task = new ReviewTask
        {
            Id = "t", ApplicationId = "a", Number = "n", Kind = ReviewTask.Review, ItemCode = "i", Department = "d", StageCode = "s",
            Status = ReviewTaskStatus.Approved, StartedAt = Shanghai(2026, 11, 23, 9, 0), DecidedAt = Shanghai(2026, 11, 25, 17, 30),
            Suspensions = [new TaskSuspension(Shanghai(2026, 11, 24, 13, 30), Shanghai(2026, 11, 24, 17, 30), "检测", 1)],
        };
        Assert.Equal(Math.Round(3 - 4.0 / 7, 3), CaseStatistics.WorkingDaysTaken(Calendar, task));
        Assert.Equal(0, CaseStatistics.WorkingDaysTaken(Calendar, task with { StartedAt = Shanghai(2026, 11, 28, 9, 0), DecidedAt = Shanghai(2026, 11, 29, 17, 0), Suspensions = [] })); // a weekend
    }
}
