using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
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
    private readonly InMemoryDecisionOutboxIndex outbox = new();
    private readonly FakeTimeProvider clock = new(T);
    private readonly TaskActions actions;

    public TaskActionsTests()
    {
        actions = new TaskActions(tasks, null!, null!, null!, outbox, new DecisionOutboxOptions(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5)), clock, NullLogger<TaskActions>.Instance);
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

    [Fact]
    public async Task A_decision_whose_raise_was_lost_is_raised_by_the_outbox_replay_once_old_enough_with_its_event_id()
    {
        durable.FailNextRaise = true;
        await Assert.ThrowsAsync<HttpRequestException>(() => actions.DecideAsync(durable, "app-1-s1-item", "health", "user:a", Approve, default));
        var record = (await tasks.GetAsync("app-1-s1-item")).Task!.Outbox!;
        Assert.Equal("user:a", record.Actor);
        Assert.Single(await outbox.GetAsync(), e => e.EventId == record.EventId && e.TaskId == "app-1-s1-item");

        // Younger than MinAge: its route may be raising it right now.
        Assert.Equal(0, await actions.ReplayOutboxAsync(durable, default));
        Assert.Empty(durable.Raised);

        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(1, await actions.ReplayOutboxAsync(durable, default));
        var raised = Assert.IsType<DecisionMade>(Assert.Single(durable.Raised).Payload);
        Assert.Equal(("approve", "user:a", record.EventId), (raised.Decision, raised.Actor, raised.EventId));
        Assert.Null((await tasks.GetAsync("app-1-s1-item")).Task!.Outbox);
        Assert.Empty(await outbox.GetAsync());

        // Nothing left to replay; the decider's retry is now a conflict like any repeat.
        Assert.Equal(0, await actions.ReplayOutboxAsync(durable, default));
        Assert.Equal(409, await StatusAsync(await actions.DecideAsync(durable, "app-1-s1-item", "health", "user:a", Approve, default)));
        Assert.Single(durable.Raised);
    }

    [Fact]
    public async Task The_decider_retry_and_the_replay_raise_the_same_event_id_and_index_rows_without_a_record_expire()
    {
        durable.FailNextRaise = true;
        await Assert.ThrowsAsync<HttpRequestException>(() => actions.DecideAsync(durable, "app-1-s1-item", "health", "user:a", Approve, default));
        var eventId = (await tasks.GetAsync("app-1-s1-item")).Task!.Outbox!.EventId;
        Assert.Equal(202, await StatusAsync(await actions.DecideAsync(durable, "app-1-s1-item", "health", "user:a", Approve, default)));
        Assert.Equal(eventId, Assert.IsType<DecisionMade>(Assert.Single(durable.Raised).Payload).EventId);

        // A row whose decision write never happened (lost ETag race, crash before the write) is kept for the grace, then dropped.
        await outbox.AddAsync(new OutboxEntry("never-written", "app-1-s1-item", clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await actions.ReplayOutboxAsync(durable, default));
        Assert.Single(await outbox.GetAsync());
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await actions.ReplayOutboxAsync(durable, default));
        Assert.Empty(await outbox.GetAsync());
        Assert.Single(durable.Raised);
    }
}
