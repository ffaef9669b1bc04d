using Xunit;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OneWindow.DurableTask;
using OneWindow.DurableTask.AzureStorage;

namespace OneWindow.DurableTask.Tests;

/// <summary>The runtime's semantics against Azurite; run twice, with the in-memory history cache on and off.</summary>
public abstract partial class DurableRuntimeTests
{
    protected abstract bool Cache { get; }

    private Task<TestHub> Hub(Action<DurableTaskRegistry> register, Action<AzureStorageOrchestrationServiceOptions>? configure = null) =>
        TestHub.StartAsync(Cache, register, configure);

    [Fact]
    public async Task Activity_chain_passes_results_along()
    {
        await using var hub = await Hub(r => r
            .AddActivityFunc<int, int>("Double", (_, x) => x * 2)
            .AddOrchestratorFunc<int, int>("Chain", async (ctx, x) =>
            {
                var a = await ctx.CallActivityAsync<int>("Double", x);
                var b = await ctx.CallActivityAsync<int>("Double", a);
                return await ctx.CallActivityAsync<int>("Double", b);
            }));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 3);
        var done = await hub.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(24, done.ReadOutputAs<int>());
        Assert.Equal(3, done.ReadInputAs<int>());
    }

    [Fact]
    public async Task Fan_out_fan_in_of_twenty_activities()
    {
        await using var hub = await Hub(r => r
            .AddActivityFunc<int, int>("Square", (_, x) => x * x)
            .AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
            {
                var tasks = Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Square", i)).ToList();
                var results = await Task.WhenAll(tasks);
                return results.Sum();
            }));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", 20);
        var done = await hub.WaitAsync(id);
        Assert.Equal(Enumerable.Range(1, 20).Sum(i => i * i), done.ReadOutputAs<int>());
        var history = await hub.Client.GetOrchestrationHistoryAsync(id);
        Assert.Equal(20, history.Count(e => e.EventType == "TaskScheduled"));
        Assert.Equal(20, history.Count(e => e.EventType == "TaskCompleted"));
    }

    [Fact]
    public async Task A_fan_out_whose_append_dies_between_transactions_is_recorded_once()
    {
        await using var hub = await Hub(r => r
            .AddActivityFunc<int, int>("Id", (_, x) => x)
            .AddOrchestratorFunc<int, int>("Wide", async (ctx, n) => (await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Id", i)))).Sum()));

        // 150 TaskScheduled rows take two transactions; the first time, the host "dies" after the first one.
        var crashed = 0;
        hub.Worker!.Storage.AfterAppendChunk = written =>
        {
            if (Interlocked.Exchange(ref crashed, 1) == 0)
            {
                throw new IOException($"simulated crash after {written} rows");
            }
        };
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Wide", 150);
        var done = await hub.WaitAsync(id);
        Assert.Equal(1, crashed);
        Assert.Equal(Enumerable.Range(0, 150).Sum(), done.ReadOutputAs<int>());
        var history = await hub.Client.GetOrchestrationHistoryAsync(id);
        Assert.Equal(150, history.Count(e => e.EventType == "TaskScheduled"));
        Assert.Equal(150, history.Where(e => e.EventType == "TaskCompleted").Select(e => e.EventId).Distinct().Count());
        Assert.Equal(150, history.Count(e => e.EventType == "TaskCompleted"));
    }

    [Fact]
    public async Task Events_held_back_for_a_suspended_instance_do_not_hide_newer_events_of_its_partition()
    {
        await using var hub = await Hub(r => r.AddOrchestratorFunc<object?, string>("Waiting", (ctx, _) => ctx.WaitForExternalEvent<string>("Done")));
        var storage = new TaskHubStorage(hub.Options, hub.Time);
        var held = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Waiting", options: new StartOrchestrationOptions("held-case"));
        var other = Enumerable.Range(0, 100).Select(i => $"other-case-{i}").First(id => storage.PartitionOf(id) == storage.PartitionOf(held));
        await hub.Client.ScheduleNewOrchestrationInstanceAsync("Waiting", options: new StartOrchestrationOptions(other));
        await hub.WaitForHistoryAsync(held, "ExecutionStarted");
        await hub.WaitForHistoryAsync(other, "ExecutionStarted");
        await hub.Client.SuspendInstanceAsync(held);
        await TestHub.Eventually(async () => (await hub.Client.GetInstanceAsync(held))!.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);

        // More held-back inbox rows than one poll reads, all older than the other instance's event.
        for (var i = 0; i < 130; i++)
        {
            await hub.Client.RaiseEventAsync(held, "Noise", i);
        }

        await hub.Client.RaiseEventAsync(other, "Done", "through");
        Assert.Equal("through", (await hub.WaitAsync(other)).ReadOutputAs<string>());
        await hub.Client.ResumeInstanceAsync(held);
        await hub.Client.RaiseEventAsync(held, "Done", "resumed");
        Assert.Equal("resumed", (await hub.WaitAsync(held)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Retry_policy_retries_until_success()
    {
        var attempts = 0;
        await using var hub = await Hub(r => r
            .AddActivityFunc<string, string>("Flaky", (_, s) =>
            {
                if (Interlocked.Increment(ref attempts) <= 2)
                {
                    throw new TimeoutException("department system busy");
                }

                return s + "!";
            })
            .AddOrchestratorFunc<string, string>("Retrying", (ctx, s) =>
                ctx.CallActivityAsync<string>("Flaky", s, TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.Zero)))));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Retrying", "ok");
        var done = await hub.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("ok!", done.ReadOutputAs<string>());
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Exhausted_retries_surface_failure_details_in_the_caller()
    {
        var attempts = 0;
        await using var hub = await Hub(r => r
            .AddActivityFunc<string, string>("Broken", async (_, _) =>
            {
                await Task.Yield();
                Interlocked.Increment(ref attempts);
                throw new InvalidOperationException("licence printer jammed");
            })
            .AddOrchestratorFunc<string, string[]>("Catching", async (ctx, _) =>
            {
                var policy = new RetryPolicy(2, TimeSpan.FromSeconds(1), 2.0) { HandleFailure = f => f.IsCausedBy<InvalidOperationException>() };
                try
                {
                    await ctx.CallActivityAsync<string>("Broken", null, TaskOptions.FromRetryPolicy(policy));
                    return [];
                }
                catch (TaskFailedException e)
                {
                    return [e.TaskName.Name, e.FailureDetails.ErrorType, e.FailureDetails.ErrorMessage, e.FailureDetails.StackTrace ?? string.Empty];
                }
            }));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Catching");
        await hub.WaitForHistoryAsync(id, "TimerCreated");
        hub.Time.Advance(TimeSpan.FromSeconds(2));
        var done = await hub.WaitAsync(id);
        var output = done.ReadOutputAs<string[]>()!;
        Assert.Equal("Broken", output[0]);
        Assert.Equal("System.InvalidOperationException", output[1]);
        Assert.Equal("licence printer jammed", output[2]);
        Assert.Contains("DurableRuntimeTests", output[3], StringComparison.Ordinal);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Unhandled_activity_failure_fails_the_orchestration_with_details()
    {
        await using var hub = await Hub(r => r
            .AddActivityFunc<string, string>("Broken", async (_, _) =>
            {
                await Task.Yield();
                throw new ArgumentException("bad id number");
            })
            .AddOrchestratorFunc<string, string>("NotCatching", (ctx, _) => ctx.CallActivityAsync<string>("Broken")));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("NotCatching");
        var done = await hub.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.NotNull(done.FailureDetails);
        Assert.True(done.FailureDetails!.IsCausedBy<TaskFailedException>());
        Assert.True(done.FailureDetails.IsCausedBy<ArgumentException>());
    }

    [Fact]
    public async Task Sub_orchestration_with_chosen_id_returns_and_failures_propagate()
    {
        await using var hub = await Hub(r => r
            .AddActivityFunc<int, int>("Inc", (_, x) => x + 1)
            .AddOrchestratorFunc<int, int>("Child", async (ctx, x) =>
            {
                if (x < 0)
                {
                    throw new InvalidOperationException("negative");
                }

                return await ctx.CallActivityAsync<int>("Inc", x);
            })
            .AddOrchestratorFunc<int, string>("Parent", async (ctx, x) =>
            {
                var ok = await ctx.CallSubOrchestratorAsync<int>("Child", x, new SubOrchestrationOptions { InstanceId = ctx.InstanceId + "-child" });
                try
                {
                    await ctx.CallSubOrchestratorAsync<int>("Child", -1);
                    return "no failure";
                }
                catch (TaskFailedException e)
                {
                    return $"{ok}:{e.FailureDetails.ErrorType}:{e.FailureDetails.ErrorMessage}";
                }
            }));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Parent", 41, new StartOrchestrationOptions("case-" + Guid.NewGuid().ToString("N")));
        var done = await hub.WaitAsync(id);
        Assert.Equal("42:System.InvalidOperationException:negative", done.ReadOutputAs<string>());
        var child = await hub.Client.GetInstanceAsync(id + "-child", true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child!.RuntimeStatus);
        Assert.Equal(42, child.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Timer_fires_only_when_the_injected_clock_reaches_it()
    {
        await using var hub = await Hub(r => r.AddOrchestratorFunc<object?, DateTime>("Deadline", async (ctx, _) =>
        {
            await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(3), CancellationToken.None);
            return ctx.CurrentUtcDateTime;
        }), o => o.MaxQueueDelay = TimeSpan.FromSeconds(1));
        var start = hub.Time.GetUtcNow();
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Deadline");
        await hub.WaitForHistoryAsync(id, "TimerCreated");
        await Task.Delay(1500);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus);
        hub.Time.Advance(TimeSpan.FromDays(3));
        var done = await hub.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(done.ReadOutputAs<DateTime>() >= start.UtcDateTime.AddDays(3));
    }

    [Fact]
    public async Task Timer_beyond_the_maximum_queue_delay_is_re_enqueued_until_due()
    {
        await using var hub = await Hub(r => r.AddOrchestratorFunc<object?, string>("Long", async (ctx, _) =>
        {
            await ctx.CreateTimer(TimeSpan.FromSeconds(5), CancellationToken.None);
            return "fired";
        }), o =>
        {
            o.MaxQueueDelay = TimeSpan.FromSeconds(2);
            o.TimeProvider = TimeProvider.System;
        });
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Long");
        await hub.WaitForHistoryAsync(id, "TimerCreated");
        var created = (await hub.Client.GetOrchestrationHistoryAsync(id)).First(e => e.EventType == "TimerCreated").Timestamp;
        var done = await hub.WaitAsync(id);
        var fired = (await hub.Client.GetOrchestrationHistoryAsync(id)).First(e => e.EventType == "TimerFired").Timestamp;
        Assert.Equal("fired", done.ReadOutputAs<string>());
        Assert.True(fired - created >= TimeSpan.FromSeconds(5), $"fired after {fired - created}");
    }

    [Fact]
    public async Task Wait_for_external_event_times_out_on_the_durable_clock()
    {
        await using var hub = await Hub(r => r.AddOrchestratorFunc<object?, string>("Waiting", async (ctx, _) =>
        {
            try
            {
                return await ctx.WaitForExternalEvent<string>("Approved", TimeSpan.FromHours(1));
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        }));
        var late = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Waiting");
        var early = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Waiting");
        await hub.WaitForHistoryAsync(late, "TimerCreated");
        await hub.WaitForHistoryAsync(early, "TimerCreated");
        await hub.Client.RaiseEventAsync(early, "Approved", "yes");
        Assert.Equal("yes", (await hub.WaitAsync(early)).ReadOutputAs<string>());
        hub.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal("timed out", (await hub.WaitAsync(late)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Events_raised_before_waiting_are_buffered_in_order()
    {
        await using var hub = await Hub(r => r.AddOrchestratorFunc<object?, List<int>>("Buffered", async (ctx, _) =>
        {
            await ctx.WaitForExternalEvent<string>("Go");
            var values = new List<int>();
            for (var i = 0; i < 3; i++)
            {
                values.Add(await ctx.WaitForExternalEvent<int>("Value"));
            }

            return values;
        }));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Buffered");
        await hub.Client.RaiseEventAsync(id, "Value", 1);
        await hub.Client.RaiseEventAsync(id, "Value", 2);
        await hub.Client.RaiseEventAsync(id, "Value", 3);
        await hub.WaitForHistoryAsync(id, "EventRaised", 3);
        await hub.Client.RaiseEventAsync(id, "Go", "now");
        Assert.Equal([1, 2, 3], (await hub.WaitAsync(id)).ReadOutputAs<List<int>>());
    }

    [Fact]
    public async Task Raising_an_event_to_an_unknown_instance_is_an_error()
    {
        await using var hub = await Hub(_ => { });
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => hub.Client.RaiseEventAsync("no-such-case", "Approved", "yes"));
    }

    [Fact]
    public async Task Starting_an_id_that_is_running_is_rejected()
    {
        await using var hub = await Hub(r => r.AddOrchestratorFunc<object?, string>("Waiting", (ctx, _) => ctx.WaitForExternalEvent<string>("Done")));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Waiting", null, new StartOrchestrationOptions("dup-case"));
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => hub.Client.ScheduleNewOrchestrationInstanceAsync("Waiting", null, new StartOrchestrationOptions(id)));
        await hub.Client.RaiseEventAsync(id, "Done", "first");
        Assert.Equal("first", (await hub.WaitAsync(id)).ReadOutputAs<string>());

        // A finished id may start again, as a new execution.
        await hub.Client.ScheduleNewOrchestrationInstanceAsync("Waiting", null, new StartOrchestrationOptions(id));
        await hub.WaitForHistoryAsync(id, "ExecutionStarted");
        await hub.Client.RaiseEventAsync(id, "Done", "second");
        await TestHub.Eventually(async () => (await hub.Client.GetInstanceAsync(id, true))?.ReadOutputAs<string>() == "second");
    }

    [Fact]
    public async Task Terminate_suspend_and_resume()
    {
        await using var hub = await Hub(r => r.AddOrchestratorFunc<object?, string>("Waiting", (ctx, _) => ctx.WaitForExternalEvent<string>("Done")));
        var terminated = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Waiting");
        var suspended = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Waiting");
        await hub.WaitForHistoryAsync(terminated, "ExecutionStarted");
        await hub.WaitForHistoryAsync(suspended, "ExecutionStarted");

        await hub.Client.TerminateInstanceAsync(terminated, "withdrawn by applicant");
        var t = await hub.WaitAsync(terminated);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, t.RuntimeStatus);
        Assert.Equal("withdrawn by applicant", t.ReadOutputAs<string>());

        await hub.Client.SuspendInstanceAsync(suspended, "supervisor hold");
        await TestHub.Eventually(async () => (await hub.Client.GetInstanceAsync(suspended))!.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);
        await hub.Client.RaiseEventAsync(suspended, "Done", "after resume");
        await Task.Delay(1500);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await hub.Client.GetInstanceAsync(suspended))!.RuntimeStatus);
        await hub.Client.ResumeInstanceAsync(suspended);
        var s = await hub.WaitAsync(suspended);
        Assert.Equal("after resume", s.ReadOutputAs<string>());
        var history = await hub.Client.GetOrchestrationHistoryAsync(suspended);
        Assert.Contains(history, e => e.EventType == "ExecutionSuspended");
        Assert.Contains(history, e => e.EventType == "ExecutionResumed");
    }

    [Fact]
    public async Task Purge_removes_a_finished_instance_and_its_history()
    {
        await using var hub = await Hub(r => r.AddOrchestratorFunc<int, int>("Echo", (_, x) => Task.FromResult(x)));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 5);
        await hub.WaitAsync(id);
        Assert.Equal(1, (await hub.Client.PurgeInstanceAsync(id)).PurgedInstanceCount);
        Assert.Null(await hub.Client.GetInstanceAsync(id));
        Assert.Equal(0, (await hub.Client.PurgeInstanceAsync(id)).PurgedInstanceCount);
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => hub.Client.GetOrchestrationHistoryAsync(id));
    }

    [Fact]
    public async Task Query_by_status_prefix_and_created_range_with_paging()
    {
        await using var hub = await Hub(r => r
            .AddOrchestratorFunc<int, int>("Echo", (_, x) => Task.FromResult(x))
            .AddOrchestratorFunc<object?, string>("Waiting", (ctx, _) => ctx.WaitForExternalEvent<string>("Done")));
        var t0 = hub.Time.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            await hub.WaitAsync(await hub.Client.ScheduleNewOrchestrationInstanceAsync("Echo", i, new StartOrchestrationOptions($"done-{i}")));
        }

        hub.Time.Advance(TimeSpan.FromHours(1));
        var t1 = hub.Time.GetUtcNow();
        for (var i = 0; i < 3; i++)
        {
            await hub.Client.ScheduleNewOrchestrationInstanceAsync("Waiting", null, new StartOrchestrationOptions($"open-{i}"));
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await hub.Client.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "done-", PageSize = 2, ContinuationToken = token, Statuses = [OrchestrationRuntimeStatus.Completed] });
            Assert.True(page.Instances.Count <= 2);
            seen.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
        }
        while (token is not null);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"done-{i}"), seen.Order());

        var recent = await hub.Client.QueryInstancesAsync(new OrchestrationQuery { CreatedFrom = t1 });
        Assert.Equal(["open-0", "open-1", "open-2"], recent.Instances.Select(i => i.InstanceId).Order());
        var older = await hub.Client.QueryInstancesAsync(new OrchestrationQuery { CreatedFrom = t0, CreatedTo = t1.AddMinutes(-1), FetchInputsAndOutputs = true });
        Assert.Equal(5, older.Instances.Count);
        Assert.All(older.Instances, i => Assert.NotNull(i.SerializedOutput));
        var none = await hub.Client.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "open-", Statuses = [OrchestrationRuntimeStatus.Failed] });
        Assert.Empty(none.Instances);
    }

    [Fact]
    public async Task History_of_parent_and_child_is_ordered_with_the_child_nested()
    {
        await using var hub = await Hub(r => r
            .AddActivityFunc<string, string>("Stamp", (_, s) => s + "✓")
            .AddOrchestratorFunc<string, string>("Review", (ctx, s) => ctx.CallActivityAsync<string>("Stamp", s))
            .AddOrchestratorFunc<string, string>("Case", async (ctx, s) =>
            {
                var a = await ctx.CallActivityAsync<string>("Stamp", s);
                return await ctx.CallSubOrchestratorAsync<string>("Review", a, new SubOrchestrationOptions { InstanceId = ctx.InstanceId + "-review" });
            }));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Case", "申请", new StartOrchestrationOptions("hist-" + Guid.NewGuid().ToString("N")[..6]));
        await hub.WaitAsync(id);
        var history = await hub.Client.GetOrchestrationHistoryAsync(id);
        Assert.Equal(Enumerable.Range(0, history.Count), history.Select(e => e.Sequence));
        var types = history.Select(e => $"{(e.ParentInstanceId is null ? "P" : "C")}:{e.EventType}").ToList();
        Assert.Equal(
            [
                "P:ExecutionStarted", "P:TaskScheduled", "P:TaskCompleted", "P:SubOrchestrationInstanceCreated",
                "C:ExecutionStarted", "C:TaskScheduled", "C:TaskCompleted", "C:ExecutionCompleted",
                "P:SubOrchestrationInstanceCompleted", "P:ExecutionCompleted",
            ],
            types);
        Assert.All(history.Where(e => e.ParentInstanceId is not null), e => Assert.Equal(id + "-review", e.InstanceId));
        Assert.Equal("\"申请✓✓\"", history[^1].Result);
        var own = await hub.Client.GetOrchestrationHistoryAsync(id, includeSubOrchestrations: false);
        Assert.DoesNotContain(own, e => e.ParentInstanceId is not null);
    }

    [Fact]
    public async Task Continue_as_new_restarts_with_new_input_and_keeps_events()
    {
        await using var hub = await Hub(r => r.AddOrchestratorFunc<int, int>("Counter", async (ctx, n) =>
        {
            if (n >= 3)
            {
                return n;
            }

            await ctx.WaitForExternalEvent<int>("Tick");
            ctx.ContinueAsNew(n + 1);
            return n;
        }));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0);
        for (var i = 0; i < 3; i++)
        {
            await hub.Client.RaiseEventAsync(id, "Tick", i);
        }

        var done = await hub.WaitAsync(id);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        Assert.Equal(3, done.ReadOutputAs<int>());
        Assert.Equal(3, done.ReadInputAs<int>());
    }

    [Fact]
    public async Task New_guid_is_the_same_on_every_replay()
    {
        await using var hub = await Hub(r => r
            .AddActivityFunc<Guid, Guid>("Echo", (_, g) => g)
            .AddOrchestratorFunc<object?, bool>("Guids", async (ctx, _) =>
            {
                var first = ctx.NewGuid();
                var echoed = await ctx.CallActivityAsync<Guid>("Echo", first);
                var second = ctx.NewGuid();
                var echoedSecond = await ctx.CallActivityAsync<Guid>("Echo", second);
                return first == echoed && second == echoedSecond && first != second;
            }));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Guids");
        Assert.True((await hub.WaitAsync(id)).ReadOutputAs<bool>());
    }

    [Fact]
    public async Task Running_instances_keep_their_version_while_new_ones_take_the_newest()
    {
        await using var hub = await Hub(r => r.AddOrchestratorFunc<object?, string>(new TaskName("Licence", "1"), async (ctx, _) =>
        {
            var e = await ctx.WaitForExternalEvent<string>("Go");
            return "v1:" + e + ":" + ctx.Version;
        }));
        var old = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Licence");
        await hub.WaitForHistoryAsync(old, "ExecutionStarted");

        hub.Registry.AddOrchestratorFunc<object?, string>(new TaskName("Licence", "2"), async (ctx, _) =>
        {
            await ctx.CreateTimer(ctx.CurrentUtcDateTime, CancellationToken.None);
            var e = await ctx.WaitForExternalEvent<string>("Go");
            return "v2:" + e + ":" + ctx.Version;
        });
        var fresh = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Licence");
        await hub.WaitForHistoryAsync(fresh, "ExecutionStarted");
        Assert.Equal("1", (await hub.Client.GetInstanceAsync(old))!.Version);
        Assert.Equal("2", (await hub.Client.GetInstanceAsync(fresh))!.Version);
        await hub.Client.RaiseEventAsync(old, "Go", "a");
        await hub.Client.RaiseEventAsync(fresh, "Go", "b");
        Assert.Equal("v1:a:1", (await hub.WaitAsync(old)).ReadOutputAs<string>());
        Assert.Equal("v2:b:2", (await hub.WaitAsync(fresh)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Code_that_no_longer_matches_history_fails_naming_the_step()
    {
        var changed = false;
        await using var hub = await Hub(r => r
            .AddActivityFunc<object?, string>("Notify", (_, _) => "sent")
            .AddOrchestratorFunc<object?, string>("Drifting", async (ctx, _) =>
            {
                if (!Volatile.Read(ref changed))
                {
                    await ctx.CallActivityAsync<string>("Notify");
                }
                else
                {
                    await ctx.CreateTimer(ctx.CurrentUtcDateTime, CancellationToken.None);
                }

                return await ctx.WaitForExternalEvent<string>("Go");
            }));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Drifting");
        await hub.WaitForHistoryAsync(id, "TaskCompleted");
        Volatile.Write(ref changed, true);
        await hub.Client.RaiseEventAsync(id, "Go", "x");
        var done = await hub.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.True(done.FailureDetails!.IsCausedBy<NonDeterministicOrchestrationException>());
        Assert.Contains("history has TaskScheduled 'Notify' at event 0 but code called CreateTimer", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Large_inputs_and_outputs_go_through_blobs()
    {
        var big = new string('证', 50_000);
        await using var hub = await Hub(r => r
            .AddActivityFunc<string, string>("Same", (_, s) => s!)
            .AddOrchestratorFunc<string, string>("Big", (ctx, s) => ctx.CallActivityAsync<string>("Same", s)));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Big", big);
        var done = await hub.WaitAsync(id);
        Assert.Equal(big, done.ReadOutputAs<string>());
        Assert.Equal(big, done.ReadInputAs<string>());
    }

    [Fact]
    public async Task Duplicate_and_stale_messages_append_nothing()
    {
        await using var hub = await Hub(r => r
            .AddActivityFunc<int, int>("Once", (_, x) => x)
            .AddOrchestratorFunc<object?, string>("Dedupe", async (ctx, _) =>
            {
                var a = await ctx.CallActivityAsync<int>("Once", 1);
                var e = await ctx.WaitForExternalEvent<string>("Go");
                return $"{a}:{e}";
            }));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Dedupe");
        await hub.WaitForHistoryAsync(id, "TaskCompleted");
        var storage = new TaskHubStorage(hub.Options, hub.Time);
        var row = (await storage.ReadInstanceAsync(id, false, CancellationToken.None))!;

        // A redelivered completion, a completion for another execution and a repeated start.
        await storage.SendToInstanceAsync(new TaskMessage { InstanceId = id, ExecutionId = row.ExecutionId, Event = new HistoryEvent { Type = "TaskCompleted", EventId = 0, Result = "99" } }, TimeSpan.Zero, CancellationToken.None);
        await storage.SendToInstanceAsync(new TaskMessage { InstanceId = id, ExecutionId = "stale", Event = new HistoryEvent { Type = "EventRaised", Name = "Go", Input = "\"stale\"" } }, TimeSpan.Zero, CancellationToken.None);
        await storage.SendToInstanceAsync(new TaskMessage { InstanceId = id, ExecutionId = row.ExecutionId, Event = new HistoryEvent { Type = "ExecutionStarted", Name = "Dedupe" } }, TimeSpan.Zero, CancellationToken.None);
        await TestHub.Eventually(async () => (await hub.Client.GetOrchestrationHistoryAsync(id)).Count > 0 && await QueuesEmptyAsync(storage));

        // A work item holding an outdated view of history cannot append.
        var session = await storage.ReadHistoryAsync(id, row.ExecutionId, CancellationToken.None);
        var stale = new HistorySession { InstanceId = id, ExecutionId = row.ExecutionId, Events = session.Events.ToList(), SentinelETag = session.SentinelETag, SentinelExists = true };
        Assert.True(await storage.TryAppendHistoryAsync(session, [new HistoryEvent { Type = "OrchestratorStarted", Timestamp = hub.Time.GetUtcNow() }], CancellationToken.None));
        Assert.False(await storage.TryAppendHistoryAsync(stale, [new HistoryEvent { Type = "OrchestratorStarted", Timestamp = hub.Time.GetUtcNow() }], CancellationToken.None));

        await hub.Client.RaiseEventAsync(id, "Go", "fresh");
        var done = await hub.WaitAsync(id);
        Assert.Equal("1:fresh", done.ReadOutputAs<string>());
        var history = await hub.Client.GetOrchestrationHistoryAsync(id);
        Assert.Single(history, e => e.EventType == "TaskCompleted");
        Assert.Single(history, e => e.EventType == "ExecutionStarted");
        Assert.Single(history, e => e.EventType == "EventRaised");
    }

    [Fact]
    public async Task A_restarted_host_finishes_the_orchestrations_in_flight()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = new ConcurrentBag<int>();
        await using var hub = await Hub(r => r
            .AddActivityFunc<int, int>("Slow", async (_, x) =>
            {
                runs.Add(x);
                await gate.Task;
                return x;
            })
            .AddOrchestratorFunc<int, int>("Work", async (ctx, x) =>
            {
                await ctx.CreateTimer(TimeSpan.FromDays(2), CancellationToken.None);
                var a = await ctx.CallActivityAsync<int>("Slow", x);
                await ctx.CreateTimer(TimeSpan.FromDays(1), CancellationToken.None);
                return a * 10;
            }), o => o.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(3));
        var ids = new List<string>();
        for (var i = 1; i <= 4; i++)
        {
            ids.Add(await hub.Client.ScheduleNewOrchestrationInstanceAsync("Work", i));
        }

        foreach (var id in ids)
        {
            await hub.WaitForHistoryAsync(id, "TimerCreated");
        }

        // Every instance gets as far as its activity, which blocks until the host is stopping.
        hub.Time.Advance(TimeSpan.FromDays(2));
        await TestHub.Eventually(() => Task.FromResult(runs.Count >= 4));
        var stop = hub.StopWorkerAsync();
        gate.SetResult();
        await stop;

        await hub.StartWorkerAsync();
        hub.Time.Advance(TimeSpan.FromDays(1));
        foreach (var (id, i) in ids.Select((id, i) => (id, i + 1)))
        {
            await TestHub.Eventually(async () =>
            {
                var m = await hub.Client.GetInstanceAsync(id);
                if (m!.RuntimeStatus == OrchestrationRuntimeStatus.Running && (await hub.Client.GetOrchestrationHistoryAsync(id)).Count(e => e.EventType == "TimerCreated") == 2)
                {
                    hub.Time.Advance(TimeSpan.FromDays(1));
                }

                return m.IsCompleted;
            });
            Assert.Equal(i * 10, (await hub.Client.GetInstanceAsync(id, true))!.ReadOutputAs<int>());
        }
    }

    [Fact]
    public async Task An_activity_abandoned_by_a_stopping_host_runs_again_and_is_recorded_once()
    {
        var firstRunRelease = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var lateReturned = false;
        await using var hub = await Hub(r => r
            .AddActivityFunc<int, int>("Stuck", async (_, x) =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    await firstRunRelease.Task;
                    Volatile.Write(ref lateReturned, true);
                    return -1;
                }

                return x;
            })
            .AddOrchestratorFunc<int, int>("Once", (ctx, x) => ctx.CallActivityAsync<int>("Stuck", x)));
        try
        {
            var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Once", 7);
            await TestHub.Eventually(() => Task.FromResult(Volatile.Read(ref calls) == 1));

            using (var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
            {
                await hub.Worker!.StopAsync(impatient.Token);
            }

            await hub.StartWorkerAsync();
            var done = await hub.WaitAsync(id);
            Assert.Equal(7, done.ReadOutputAs<int>());
            Assert.Equal(2, Volatile.Read(ref calls));

            // The first run's late result arrives now and must not be appended.
            firstRunRelease.SetResult();
            var storage = new TaskHubStorage(hub.Options, hub.Time);
            await TestHub.Eventually(async () => Volatile.Read(ref lateReturned) && await QueuesEmptyAsync(storage));
            var history = await hub.Client.GetOrchestrationHistoryAsync(id);
            Assert.Single(history, e => e.EventType == "TaskCompleted");
            Assert.Equal(7, (await hub.Client.GetInstanceAsync(id, true))!.ReadOutputAs<int>());
        }
        finally
        {
            firstRunRelease.TrySetResult();
        }
    }

    [Fact]
    public async Task A_start_at_in_the_future_waits_for_the_clock()
    {
        await using var hub = await Hub(r => r.AddOrchestratorFunc<object?, DateTime>("Later", (ctx, _) => Task.FromResult(ctx.CurrentUtcDateTime)));
        var startAt = hub.Time.GetUtcNow().AddHours(2);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Later", null, new StartOrchestrationOptions(StartAt: startAt));
        await Task.Delay(2500);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus);
        hub.Time.Advance(TimeSpan.FromHours(2));
        var done = await hub.WaitAsync(id);
        Assert.True(done.ReadOutputAs<DateTime>() >= startAt.UtcDateTime);
    }

    [Fact]
    public async Task A_timer_cancelled_before_it_is_written_leaves_no_trace()
    {
        await using var hub = await Hub(r => r
            .AddActivityFunc<int, int>("Id", (_, x) => x)
            .AddOrchestratorFunc<object?, int>("Cancelling", async (ctx, _) =>
            {
                using var cts = new CancellationTokenSource();
                var timer = ctx.CreateTimer(TimeSpan.FromDays(1), cts.Token);
                var work = ctx.CallActivityAsync<int>("Id", 5);
                var winner = await Task.WhenAny(timer, work);
                cts.Cancel();
                return winner == work ? await work : -1;
            }));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Cancelling");
        Assert.Equal(5, (await hub.WaitAsync(id)).ReadOutputAs<int>());
        var history = await hub.Client.GetOrchestrationHistoryAsync(id);
        Assert.Single(history, e => e.EventType == "TimerCreated");
        Assert.DoesNotContain(history, e => e.EventType == "TimerFired");
    }

    [Fact]
    public async Task A_continue_as_new_hand_over_interrupted_by_a_crash_is_finished()
    {
        await using var hub = await Hub(r => r.AddOrchestratorFunc<int, int>("Counter", async (ctx, n) =>
        {
            if (n < 3)
            {
                await ctx.WaitForExternalEvent<int>("Tick");
            }

            return n;
        }));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0);
        await hub.WaitForHistoryAsync(id, "ExecutionStarted");
        await hub.StopWorkerAsync();

        // State a host leaves when it dies after appending ContinueAsNew and sending the next start, before moving the row.
        var storage = new TaskHubStorage(hub.Options, hub.Time);
        var row = (await storage.ReadInstanceAsync(id, false, CancellationToken.None))!;
        var session = await storage.ReadHistoryAsync(id, row.ExecutionId, CancellationToken.None);
        Assert.True(await storage.TryAppendHistoryAsync(session, [new HistoryEvent { Type = "ContinueAsNew", Input = "3", Timestamp = hub.Time.GetUtcNow() }], CancellationToken.None));
        var next = ReplayContext.DeterministicId($"{id}:{row.ExecutionId}:continue");
        await storage.SendToInstanceAsync(new TaskMessage { InstanceId = id, ExecutionId = next, Event = new HistoryEvent { Type = "ExecutionStarted", Name = "Counter", Input = "3" } }, TimeSpan.Zero, CancellationToken.None);

        await hub.StartWorkerAsync();
        var done = await hub.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(3, done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task A_long_activity_keeps_its_message_hidden_and_runs_once()
    {
        var calls = 0;
        await using var hub = await Hub(r => r
            .AddActivityFunc<int, int>("Long", async (_, x) =>
            {
                Interlocked.Increment(ref calls);

                // Real work that outlasts two visibility timeouts; the lease must renew the message meanwhile.
                await Task.Delay(TimeSpan.FromSeconds(4));
                return x;
            })
            .AddOrchestratorFunc<int, int>("Patient", (ctx, x) => ctx.CallActivityAsync<int>("Long", x)),
            o => o.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(1.5));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Patient", 9);
        Assert.Equal(9, (await hub.WaitAsync(id)).ReadOutputAs<int>());
        Assert.Equal(1, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task A_timer_created_before_a_restart_fires_after_it()
    {
        await using var hub = await Hub(r => r.AddOrchestratorFunc<object?, string>("Sleeper", async (ctx, _) =>
        {
            await ctx.CreateTimer(TimeSpan.FromDays(5), CancellationToken.None);
            return "woke";
        }));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper");
        await hub.WaitForHistoryAsync(id, "TimerCreated");
        await hub.StopWorkerAsync();
        hub.Time.Advance(TimeSpan.FromDays(5));
        await hub.StartWorkerAsync();
        Assert.Equal("woke", (await hub.WaitAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Replay_safe_logger_writes_each_step_once()
    {
        var replays = 0;
        await using var hub = await Hub(r => r
            .AddActivityFunc<int, int>("Step", (_, x) => x)
            .AddOrchestratorFunc<object?, int>("Logged", async (ctx, _) =>
            {
                Interlocked.Increment(ref replays);
                var log = ctx.CreateReplaySafeLogger("Logged");
                for (var i = 1; i <= 3; i++)
                {
                    await ctx.CallActivityAsync<int>("Step", i);
                    log.LogInformation("step {Step} of {InstanceId}", i, ctx.InstanceId);
                }

                return 3;
            }));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Logged");
        await hub.WaitAsync(id);
        Assert.True(Volatile.Read(ref replays) >= 4);
        Assert.Equal(3, hub.Logs.Messages.Count(m => m.StartsWith("step ", StringComparison.Ordinal) && m.EndsWith(id, StringComparison.Ordinal)));
    }

    private static async Task<bool> QueuesEmptyAsync(TaskHubStorage storage)
    {
        foreach (var partition in storage.Partitions)
        {
            var props = await partition.Queue.GetPropertiesAsync();
            if (props.Value.ApproximateMessagesCount > 0)
            {
                return false;
            }
        }

        return true;
    }
}
