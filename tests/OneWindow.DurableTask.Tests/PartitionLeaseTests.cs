using OneWindow.DurableTask.AzureStorage;
using Xunit;

namespace OneWindow.DurableTask.Tests;

/// <summary>Two workers (hosts) of one task hub in this process share the partitions through the lease blobs.</summary>
public sealed class PartitionLeaseTests
{
    [Fact]
    public async Task Two_workers_split_the_partitions_and_one_takes_all_when_the_other_stops()
    {
        await using var hub = await TestHub.StartAsync(cache: true, r => r
            .AddActivityFunc<int, int>("Inc", (_, x) => x + 1)
            .AddOrchestratorFunc<int, int>("Twice", async (ctx, x) => await ctx.CallActivityAsync<int>("Inc", await ctx.CallActivityAsync<int>("Inc", x))),
            o => o.PartitionCount = 4);
        var first = hub.Worker!;
        Assert.Equal([0, 1, 2, 3], first.OwnedPartitions);

        var second = await hub.StartExtraWorkerAsync();
        try
        {
            // The first gives two back gracefully; the second takes them.
            await TestHub.Eventually(() => Task.FromResult(first.OwnedPartitions.Count == 2 && second.OwnedPartitions.Count == 2), seconds: 20);
            Assert.Empty(first.OwnedPartitions.Intersect(second.OwnedPartitions));

            var ids = new List<string>();
            for (var i = 0; i < 16; i++)
            {
                ids.Add(await hub.Client.ScheduleNewOrchestrationInstanceAsync("Twice", i));
            }

            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            {
                var done = await hub.WaitAsync(id);
                Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
                Assert.Equal(i + 2, done.ReadOutputAs<int>());
            }

            // A graceful stop releases at once: the remaining worker owns everything within a couple of renew rounds.
            await hub.StopWorkerAsync();
            await TestHub.Eventually(() => Task.FromResult(second.OwnedPartitions.Count == 4), seconds: 10);
            var late = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Twice", 40);
            Assert.Equal(42, (await hub.WaitAsync(late)).ReadOutputAs<int>());
        }
        finally
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await second.StopAsync(patience.Token);
            await second.DisposeAsync();
        }
    }
}
