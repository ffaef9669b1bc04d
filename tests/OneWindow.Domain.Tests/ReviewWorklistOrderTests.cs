using OneWindow.Domain.Review;
using Xunit;

namespace OneWindow.Domain.Tests;

public sealed class ReviewWorklistOrderTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);

    private static WorklistEntry Entry(string id, bool green, DateTimeOffset? due, string status = ReviewTaskStatus.InReview) =>
        new(id, "app-1", "341881-20261125-0001", "item", ReviewTask.Review, status, null, due, green);

    [Fact]
    public void Green_channel_comes_first_then_the_soonest_due_then_tasks_without_a_due_time()
    {
        var ordered = WorklistEntry.Ordered([
            Entry("late", false, T.AddDays(3)),
            Entry("none", false, null),
            Entry("green-late", true, T.AddDays(5)),
            Entry("soon", false, T.AddHours(1)),
            Entry("green-soon", true, T.AddDays(1)),
        ]).Select(e => e.TaskId);
        Assert.Equal(["green-soon", "green-late", "soon", "late", "none"], ordered);
    }

    [Theory]
    [InlineData(ReviewTaskStatus.Waiting, true)]
    [InlineData(ReviewTaskStatus.InReview, true)]
    [InlineData(ReviewTaskStatus.Suspended, true)]
    [InlineData(ReviewTaskStatus.CorrectionRequired, true)]
    [InlineData(ReviewTaskStatus.Approved, false)]
    [InlineData(ReviewTaskStatus.Rejected, false)]
    [InlineData(ReviewTaskStatus.Cancelled, false)]
    public void Open_means_not_decided_and_not_cancelled(string status, bool open) => Assert.Equal(open, ReviewTaskStatus.IsOpen(status));

    [Fact]
    public void Alert_ids_name_task_and_level_so_raising_twice_is_one_alert() =>
        Assert.Equal("app-1-s1-item-overdue", Alert.IdOf("app-1-s1-item", Alert.Overdue));
}
