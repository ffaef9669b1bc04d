using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Supervision;
using Xunit;

namespace OneWindow.Domain.Tests;

/// <summary>Predicted completion from the departments' recent pace, and its backtest.</summary>
public sealed class SupervisionForecastTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.CreateDefault();

    private static DateTimeOffset Shanghai(int day, int hour, int minute) =>
        WorkingDayCalendar.FromLocal(new DateOnly(2026, 11, day), new TimeSpan(hour, minute, 0));

    private static DepartmentPace Pace(params double[] days) => new("d", "i", days.Select((d, i) => new PaceSample("t" + i, d)).ToArray());

    private static DepartmentTask Task(string id, string department, string status, DateTimeOffset? decidedAt = null, DateTimeOffset? dueAt = null) =>
        new() { Id = id, ItemCode = "i-" + department, Department = department, Status = status, DecidedAt = decidedAt, DueAt = dueAt };

    private static ApplicationRecord Case(params ApplicationStage[] stages) => new()
    {
        Id = "app-1", Number = "n", PackageCode = "p", ItemName = "x", Status = "in-review", OwnerHash = "h", Fingerprint = "f",
        SubmittedAt = Shanghai(23, 9, 0), AcceptedAt = Shanghai(23, 9, 0), Stages = stages,
        Applicant = new MaskedApplicant("person", "张*", "110***********002X", "138****0000"), SealedApplicant = "x", DeliveryMethod = "pickup",
    };

    [Fact]
    public void The_expected_time_is_the_median_of_the_recent_tasks_plus_the_queue()
    {
        Assert.Equal(2, CompletionForecast.Expected(Pace(1, 2, 9), 1));
        Assert.Equal(2 + 4 * CompletionForecast.BacklogWorkingDays, CompletionForecast.Expected(Pace(1, 2, 9), 5));
        Assert.Null(CompletionForecast.Expected(null, 3));
    }

    [Fact]
    public void Stages_run_in_order_each_ending_with_its_slowest_task()
    {
        var application = Case(
            new ApplicationStage("s1", "一", "in-review", "a", [Task("a", "a", "approved", Shanghai(23, 10, 0)), Task("b", "b", "in-review")]),
            new ApplicationStage("s2", "二", "waiting", "c", [Task("c", "c", "waiting")]));
        var days = new Dictionary<string, double> { ["b"] = 2, ["c"] = 1 };
        var predicted = CompletionForecast.Predict(application, t => days.GetValueOrDefault(t.Department), Calendar, Shanghai(23, 11, 0));

        // b: two working days from Monday 09:00 = Tuesday 17:30; c: one more = Wednesday 17:30.
        Assert.Equal(Shanghai(25, 17, 30), predicted);
    }

    [Fact]
    public void A_task_behind_its_pace_is_expected_to_take_half_of_it_again_and_no_pace_falls_back_on_the_due_time()
    {
        var late = Case(new ApplicationStage("s1", "一", "in-review", "b", [Task("b", "b", "in-review")]));
        Assert.Equal(Shanghai(30, 14, 0), CompletionForecast.Predict(late, _ => 1, Calendar, Shanghai(30, 9, 0))); // 3.5 office hours from Monday 09:00
        var unknown = Case(new ApplicationStage("s1", "一", "in-review", "b", [Task("b", "b", "in-review", dueAt: Shanghai(27, 17, 30))]));
        Assert.Equal(Shanghai(27, 17, 30), CompletionForecast.Predict(unknown, _ => null, Calendar, Shanghai(23, 10, 0)));
        Assert.Null(CompletionForecast.Predict(late with { Status = "approved" }, _ => 1, Calendar, Shanghai(23, 10, 0)));
    }

    [Fact]
    public void The_backtest_predicts_each_task_from_the_ones_before_it()
    {
        var errors = CompletionForecast.Backtest(Pace(1, 3, 2, 2).Samples);
        Assert.Equal([2.0, 0.0, 0.0], errors); // 3 vs 1; 2 vs median(1,3) = 2; 2 vs median(1,3,2) = 2
    }
}
