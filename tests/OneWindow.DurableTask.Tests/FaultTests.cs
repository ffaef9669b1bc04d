using System.Globalization;
using OneWindow.Testing;
using Xunit;
using Xunit.Abstractions;

namespace OneWindow.DurableTask.Tests;

/// <summary>
/// Real host processes (tests/OneWindow.DurableTask.TestWorker) on real Azurite, with short leases and visibility (4 s):
/// kill -9 at seeded moments, two hosts sharing and taking over partitions, and Azurite frozen for 20 s.
/// Set DT_FAULT_SEED to replay a run's kill moments.
/// </summary>
public sealed class FaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_the_host_twice_while_work_is_in_flight_loses_and_duplicates_nothing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("DT_FAULT_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Random.Shared.Next();
        output.WriteLine($"seed {seed} (DT_FAULT_SEED={seed} replays these kill moments)");
        Console.WriteLine($"FaultTests seed {seed}");
        var random = new Random(seed);
        var stack = await LocalStack.SharedAsync().WaitAsync(TimeSpan.FromMinutes(3));
        var hub = new FaultHub(stack.Azurite.ConnectionString, output);
        try
        {
            var worker = await hub.StartWorkerAsync("host-a");
            var ids = await hub.StartInstancesAsync(200);
            var redelivered = 0L;
            var recovered = 0L;
            for (var kill = 1; kill <= 2; kill++)
            {
                // Each third of the instances gets its event before a kill, the last third after both: work is always left.
                await hub.RaiseEventsAsync(ids, (kill - 1) * 67, 67);
                await FaultHub.WaitForWorkInFlightAsync(worker);
                var wait = TimeSpan.FromMilliseconds(random.Next(0, 800));
                output.WriteLine($"kill {kill}: {wait.TotalMilliseconds} ms into the work on the last events, while work is in flight");
                await Task.Delay(wait);
                await hub.KillWhileBusyAsync(worker);
                redelivered += worker.Last().Redelivered;
                recovered += worker.Last().Recovered;
                Assert.True(await hub.CountCompletedAsync() < ids.Count, "the kill came after all work was done: it proved nothing");
                worker = await hub.StartWorkerAsync($"host-a{kill + 1}");
            }

            await hub.RaiseEventsAsync(ids, 134, ids.Count - 134);
            await hub.WaitForCompletedAsync(ids.Count, seconds: 150);
            redelivered += worker.Last().Redelivered;
            recovered += worker.Last().Recovered;
            await hub.VerifyAsync(ids);
            output.WriteLine($"redelivered messages {redelivered}, recovered activities {recovered}");
            Assert.True(redelivered > 0, "no message was redelivered: the kills proved nothing");
        }
        finally
        {
            await hub.StopAllAsync();
        }
    }

    [Fact]
    public async Task Two_hosts_share_the_partitions_never_process_an_instance_together_and_one_finishes_when_the_other_dies()
    {
        var stack = await LocalStack.SharedAsync().WaitAsync(TimeSpan.FromMinutes(3));
        var hub = new FaultHub(stack.Azurite.ConnectionString, output);
        try
        {
            var a = await hub.StartWorkerAsync("host-a");
            var b = await hub.StartWorkerAsync("host-b");
            await TestHub.Eventually(() => Task.FromResult(a.Last().Owned.Length == 2 && b.Last().Owned.Length == 2), seconds: 20);
            Assert.Empty(a.Last().Owned.Intersect(b.Last().Owned));

            var ids = await hub.StartInstancesAsync(100);
            var events = hub.RaiseEventsAsync(ids, 0, ids.Count);
            await TestHub.Eventually(async () => await hub.CountCompletedAsync() >= 10, seconds: 60);
            await hub.KillWhileBusyAsync(b);
            await TestHub.Eventually(() => Task.FromResult(a.Last().Owned.Length == 4), seconds: 20);
            await events;
            await hub.WaitForCompletedAsync(ids.Count, seconds: 120);

            var workItems = await hub.VerifyAsync(ids);
            var hosts = workItems.Values.SelectMany(w => w).Select(w => w.Host).Distinct().Order().ToList();
            Assert.Equal(["host-a", "host-b"], hosts);
            foreach (var (id, items) in workItems)
            {
                for (var i = 1; i < items.Count; i++)
                {
                    if (items[i].Host != items[i - 1].Host)
                    {
                        // A work item on the other host began only after this one's last row was written.
                        Assert.True(items[i].Started >= items[i - 1].Committed, $"{id}: {items[i].Host} started {items[i].Started:O} before {items[i - 1].Host} committed {items[i - 1].Committed:O}");
                    }
                }
            }
        }
        finally
        {
            await hub.StopAllAsync();
        }
    }

    private static async Task<AzuriteEmulator> StartOwnAzuriteAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await AzuriteEmulator.StartAsync();
            }
            catch (TimeoutException) when (attempt < 3)
            {
                // A port chosen as free was taken by another socket before Azurite bound it: choose again.
            }
        }
    }

    [Fact]
    public async Task Everything_completes_when_azurite_freezes_for_twenty_seconds()
    {
        // An Azurite of its own: freezing the shared one would stall the other tests. It starts after the shared one (two
        // emulators choosing free ports at once can collide) and again when its ports were taken before it bound them.
        await LocalStack.SharedAsync().WaitAsync(TimeSpan.FromMinutes(3));
        await using var azurite = await StartOwnAzuriteAsync();
        var hub = new FaultHub(azurite.ConnectionString, output);
        try
        {
            await hub.StartWorkerAsync("host-a");
            await hub.StartWorkerAsync("host-b");
            var ids = await hub.StartInstancesAsync(100);
            var events = hub.RaiseEventsAsync(ids, 0, ids.Count);
            await TestHub.Eventually(async () => await hub.CountCompletedAsync() >= 5, seconds: 60);
            azurite.Process.Pause();
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} Azurite paused");
            try
            {
                // The outage itself: a fixed 20 s, not a wait for a condition.
                await Task.Delay(TimeSpan.FromSeconds(20));
            }
            finally
            {
                azurite.Process.Resume();
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} Azurite resumed");
            }

            await events;
            await hub.WaitForCompletedAsync(ids.Count, seconds: 120);
            await hub.VerifyAsync(ids);
        }
        finally
        {
            await hub.StopAllAsync();
        }
    }
}
