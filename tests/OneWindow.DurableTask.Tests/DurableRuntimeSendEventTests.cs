using Xunit;
using OneWindow.DurableTask;

namespace OneWindow.DurableTask.Tests;

/// <summary><c>SendEvent</c>: a parent tells its running children to cancel, and they clean up before they end.</summary>
public abstract partial class DurableRuntimeTests
{
    [Fact]
    public async Task A_parent_tells_its_children_to_cancel_and_they_clean_up()
    {
        var cleaned = new System.Collections.Concurrent.ConcurrentBag<string>();
        await using var hub = await Hub(r => r
            .AddActivityFunc<string, bool>("CleanUp", (_, id) =>
            {
                cleaned.Add(id!);
                return true;
            })
            .AddOrchestratorFunc<string, string>("Review", async (ctx, _) =>
            {
                // Wait for a decision that never comes, a far deadline, or the parent's cancel: cancel wins.
                using var deadline = new CancellationTokenSource();
                var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(20), deadline.Token);
                var decision = ctx.WaitForExternalEvent<string>("Decision");
                var cancel = ctx.WaitForExternalEvent<string>("Cancel");
                var first = await Task.WhenAny(timer, decision, cancel);
                deadline.Cancel();
                if (first != cancel) return "decided";
                await ctx.CallActivityAsync<bool>("CleanUp", ctx.InstanceId);
                return "cancelled: " + cancel.Result;
            })
            .AddOrchestratorFunc<int, string[]>("Stage", async (ctx, n) =>
            {
                var children = Enumerable.Range(1, n)
                    .Select(i => ctx.CallSubOrchestratorAsync<string>("Review", null, new SubOrchestrationOptions { InstanceId = $"{ctx.InstanceId}-r{i}" }))
                    .ToList();
                // Wait until every child has started waiting (its ExecutionStarted is in history), then cancel them all.
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddSeconds(1), CancellationToken.None);
                for (var i = 1; i <= n; i++)
                {
                    ctx.SendEvent($"{ctx.InstanceId}-r{i}", "Cancel", "rejected by another department");
                }

                return await Task.WhenAll(children);
            }));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Stage", 3);
        await hub.WaitForHistoryAsync(id, "TimerCreated");
        hub.Time.Advance(TimeSpan.FromSeconds(2));
        var done = await hub.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.All(done.ReadOutputAs<string[]>()!, r => Assert.Equal("cancelled: rejected by another department", r));
        Assert.Equal([$"{id}-r1", $"{id}-r2", $"{id}-r3"], cleaned.Order(StringComparer.Ordinal));
        var sent = (await hub.Client.GetOrchestrationHistoryAsync(id)).Where(e => e.EventType == "EventSent" && e.InstanceId == id).ToList();
        Assert.Equal(3, sent.Count);
        // The children's 20-day timers were cancelled: none of them fired.
        var history = await hub.Client.GetOrchestrationHistoryAsync(id, includeSubOrchestrations: true);
        Assert.DoesNotContain(history, e => e.EventType == "TimerFired" && e.InstanceId != id);
    }
}
