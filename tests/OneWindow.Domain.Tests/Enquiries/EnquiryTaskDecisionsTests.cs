using OneWindow.Domain.Disclosure;
using OneWindow.Domain.Review;
using Xunit;

namespace OneWindow.Domain.Tests.Enquiries;

/// <summary>The decisions each kind of task takes and the status each leaves; intake and handling outcomes close the task.</summary>
public sealed class EnquiryTaskDecisionsTests
{
    private static ReviewTask Task(string kind, string status = ReviewTaskStatus.InReview, IReadOnlyList<string>? decisions = null) => new()
    {
        Id = "t-1", ApplicationId = "app-1", Number = "n", Kind = kind, ItemCode = "i", Department = "d", StageCode = "s",
        Status = status, StartedAt = DateTimeOffset.UnixEpoch, Decisions = decisions ?? [],
    };

    [Theory]
    [InlineData(ReviewTask.Review)]
    [InlineData(ReviewTask.Consolidation)]
    public void A_review_or_consolidation_task_without_its_own_decisions_approves_rejects_or_asks_for_corrections(string kind)
    {
        Assert.Equal(["approve", "reject", "request-correction"], TaskDecisions.Of(Task(kind)));
    }

    [Fact]
    public void An_intake_task_takes_the_decisions_it_was_opened_with()
    {
        Assert.Equal(["hand-over", "clarify"], TaskDecisions.Of(Task(ReviewTask.Intake, decisions: [TaskDecisions.HandOver, TaskDecisions.Clarify])));
        Assert.Equal(["hand-over"], TaskDecisions.Of(Task(ReviewTask.Intake, decisions: [TaskDecisions.HandOver])));
    }

    [Fact]
    public void A_disclosure_handling_task_takes_the_regulation_s_answers()
    {
        var task = Task(ReviewTask.Handling, decisions: DisclosureAnswerTypes.All);
        Assert.Equal(["disclosed", "partly-disclosed", "not-disclosed", "does-not-exist", "refer"], TaskDecisions.Of(task));
    }

    [Fact]
    public void Of_refuses_null() => Assert.Throws<ArgumentNullException>(() => TaskDecisions.Of(null!));

    [Theory]
    [InlineData("approve", "approved")]
    [InlineData("reject", "rejected")]
    [InlineData("request-correction", "correction-required")]
    [InlineData("hand-over", "handed-over")]
    [InlineData("clarify", "clarification-requested")]
    [InlineData("reply", "answered")]
    [InlineData("disclosed", "answered")]
    [InlineData("partly-disclosed", "answered")]
    [InlineData("not-disclosed", "answered")]
    [InlineData("does-not-exist", "answered")]
    [InlineData("refer", "answered")]
    public void Each_decision_leaves_its_status(string decision, string status) => Assert.Equal(status, TaskDecisions.StatusOf(decision));

    [Fact]
    public void All_is_every_decision_the_routes_know_and_nothing_else()
    {
        Assert.Equal(
            ["approve", "clarify", "disclosed", "does-not-exist", "hand-over", "not-disclosed", "partly-disclosed", "refer", "reject", "reply", "request-correction"],
            TaskDecisions.All.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Approve", TaskDecisions.All); // ordinal: the wire values only
    }

    [Fact]
    public void Every_decision_leaves_a_known_status()
    {
        Assert.All(TaskDecisions.All, d => Assert.Contains(TaskDecisions.StatusOf(d), ReviewTaskStatus.All));
    }

    [Theory]
    [InlineData("handed-over")]
    [InlineData("clarification-requested")]
    [InlineData("answered")]
    [InlineData("approved")]
    [InlineData("rejected")]
    [InlineData("cancelled")]
    public void Decided_and_cancelled_statuses_are_closed(string status)
    {
        Assert.False(ReviewTaskStatus.IsOpen(status));
        Assert.False(Task(ReviewTask.Handling, status).IsOpen);
    }

    [Theory]
    [InlineData("waiting")]
    [InlineData("in-review")]
    [InlineData("correction-required")]
    [InlineData("suspended")]
    public void Undecided_statuses_are_open(string status)
    {
        Assert.True(ReviewTaskStatus.IsOpen(status));
        Assert.True(Task(ReviewTask.Intake, status).IsOpen);
    }

    [Fact]
    public void The_new_statuses_are_known()
    {
        Assert.Contains("handed-over", ReviewTaskStatus.All);
        Assert.Contains("clarification-requested", ReviewTaskStatus.All);
        Assert.Contains("answered", ReviewTaskStatus.All);
        Assert.Equal(10, ReviewTaskStatus.All.Count);
    }
}
