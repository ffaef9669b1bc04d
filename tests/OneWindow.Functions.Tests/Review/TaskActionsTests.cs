using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Domain.Review;
using OneWindow.Functions.Review;
using OneWindow.Orchestrations.Review;
using Xunit;

namespace OneWindow.Functions.Tests.Review;

/// <summary>The decision gate of <see cref="TaskActions"/> without the platform: ETag, closed tasks, a lost raise.</summary>
public sealed class TaskActionsTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private readonly InMemoryReviewTaskStore tasks = new();
    private readonly RecordingDurableClient durable = new();
    private readonly TaskActions actions;

    public TaskActionsTests()
    {
        actions = new TaskActions(tasks, null!, TimeProvider.System);
        tasks.TryCreateAsync(new ReviewTask
        {
            Id = "app-1-s1-item",
            ApplicationId = "app-1",
            Number = "341881-20261125-0001",
            Kind = ReviewTask.Review,
            ItemCode = "item",
            Department = "health",
            StageCode = "review",
            InstanceId = "app-1-s1-item",
            Status = ReviewTaskStatus.InReview,
            StartedAt = T,
        }).GetAwaiter().GetResult();
    }

    private static DecisionRequest Approve => new("approve", "同意", [], null);

    private static async Task<int> StatusAsync(IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        return context.Response.StatusCode;
    }

    [Fact]
    public async Task A_decision_is_recorded_once_and_raised_once()
    {
        Assert.Equal(202, await StatusAsync(await actions.DecideAsync(durable, "app-1-s1-item", "health", "user:a", Approve, default)));
        var (task, _) = await tasks.GetAsync("app-1-s1-item");
        Assert.Equal(ReviewTaskStatus.Approved, task!.Status);
        Assert.False(task.DecisionEventPending);
        var raised = Assert.Single(durable.Raised);
        Assert.Equal(ReviewEvents.Decision, raised.EventName);
        Assert.Equal(409, await StatusAsync(await actions.DecideAsync(durable, "app-1-s1-item", "health", "user:b", new DecisionRequest("reject", "x", [], null), default)));
        Assert.Equal(409, await StatusAsync(await actions.DecideAsync(durable, "app-1-s1-item", "health", "user:a", Approve, default)));
        Assert.Single(durable.Raised);
    }

    [Fact]
    public async Task Unknown_tasks_and_other_departments_are_refused_without_a_write()
    {
        Assert.Equal(404, await StatusAsync(await actions.DecideAsync(durable, "nope", "health", "user:a", Approve, default)));
        Assert.Equal(403, await StatusAsync(await actions.DecideAsync(durable, "app-1-s1-item", "fire-rescue", "user:a", Approve, default)));
        Assert.Equal(ReviewTaskStatus.InReview, (await tasks.GetAsync("app-1-s1-item")).Task!.Status);
        Assert.Empty(durable.Raised);
    }

    [Fact]
    public async Task A_lost_raise_is_raised_again_by_the_same_deciders_retry_and_by_no_one_else()
    {
        durable.FailNextRaise = true;
        await Assert.ThrowsAsync<HttpRequestException>(() => actions.DecideAsync(durable, "app-1-s1-item", "health", "user:a", Approve, default));
        Assert.True((await tasks.GetAsync("app-1-s1-item")).Task!.DecisionEventPending);
        Assert.Empty(durable.Raised);

        Assert.Equal(409, await StatusAsync(await actions.DecideAsync(durable, "app-1-s1-item", "health", "user:b", Approve, default)));
        Assert.Equal(409, await StatusAsync(await actions.DecideAsync(durable, "app-1-s1-item", "health", "user:a", new DecisionRequest("reject", "x", [], null), default)));
        Assert.Empty(durable.Raised);

        Assert.Equal(202, await StatusAsync(await actions.DecideAsync(durable, "app-1-s1-item", "health", "user:a", Approve, default)));
        Assert.Single(durable.Raised);
        Assert.False((await tasks.GetAsync("app-1-s1-item")).Task!.DecisionEventPending);
        Assert.Equal(409, await StatusAsync(await actions.DecideAsync(durable, "app-1-s1-item", "health", "user:a", Approve, default)));
        Assert.Single((await tasks.GetAsync("app-1-s1-item")).Task!.History, h => h.Type == "decision");
    }

    [Fact]
    public async Task A_write_that_is_not_a_decision_between_read_and_write_does_not_refuse_the_decision()
    {
        // The department notice function records a push on the task just after the reviewer's read.
        tasks.BeforeNextReplace = () => tasks.UpdateAsync("app-1-s1-item", t => t with { History = [.. t.History, new TaskEvent(T, "pushed", "system", null)] }).GetAwaiter().GetResult();
        Assert.Equal(202, await StatusAsync(await actions.DecideAsync(durable, "app-1-s1-item", "health", "user:a", Approve, default)));
        var (task, _) = await tasks.GetAsync("app-1-s1-item");
        Assert.Equal(ReviewTaskStatus.Approved, task!.Status);
        Assert.Contains(task.History, h => h.Type == "pushed");
        Assert.Single(durable.Raised);

        // A decision that got in between is a conflict, and the second decision changes nothing.
        tasks.BeforeNextReplace = null;
        Assert.Equal(409, await StatusAsync(await actions.DecideAsync(durable, "app-1-s1-item", "health", "user:b", new DecisionRequest("reject", "不同意", [], null), default)));
        Assert.Single(durable.Raised);
    }

    [Fact]
    public async Task A_retry_after_the_review_took_the_decision_and_ended_is_answered_as_the_first_request()
    {
        // The host raised the event and died before clearing the flag; the review closed the task with it and completed.
        durable.FailNextRaise = true;
        await Assert.ThrowsAsync<HttpRequestException>(() => actions.DecideAsync(durable, "app-1-s1-item", "health", "user:a", Approve, default));
        await tasks.UpdateAsync("app-1-s1-item", t => t with { DecidedBy = "user:a", Decision = "approve", Status = ReviewTaskStatus.Approved });
        durable.Ended = true;

        Assert.Equal(202, await StatusAsync(await actions.DecideAsync(durable, "app-1-s1-item", "health", "user:a", Approve, default)));
        Assert.False((await tasks.GetAsync("app-1-s1-item")).Task!.DecisionEventPending);
        Assert.Equal(409, await StatusAsync(await actions.DecideAsync(durable, "app-1-s1-item", "health", "user:a", Approve, default)));
        Assert.Empty(durable.Raised);
    }

    [Fact]
    public async Task A_decision_on_a_review_that_ended_meanwhile_is_a_conflict_and_leaves_the_task_as_it_was()
    {
        durable.Ended = true;
        Assert.Equal(409, await StatusAsync(await actions.DecideAsync(durable, "app-1-s1-item", "health", "user:a", Approve, default)));
        var (task, _) = await tasks.GetAsync("app-1-s1-item");
        Assert.Equal(ReviewTaskStatus.InReview, task!.Status);
        Assert.False(task.DecisionEventPending);
        Assert.DoesNotContain(task.History, h => h.Type == "decision");
    }
}
