using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.DurableTask;
using OneWindow.DurableTask.AzureStorage;
using OneWindow.Testing;

namespace OneWindow.Bench;

/// <summary>
/// Runs each scenario on the real runtime (one worker in this process, settings from host.json, its own task hub) and
/// returns per-instance throughput: activities or events per second of one orchestration instance.
/// </summary>
internal sealed class RuntimeBench(string connectionString)
{
    private AzureStorageOrchestrationServiceOptions Options(int maxActivities)
    {
        var options = new AzureStorageOrchestrationServiceOptions();
        var configuration = new ConfigurationBuilder().AddJsonFile(RepositoryPaths.Combine("host.json")).Build();
        options.Bind(configuration.GetSection("AzureFunctionsJobHost:extensions:durableTask").Exists()
            ? configuration.GetSection("AzureFunctionsJobHost:extensions:durableTask")
            : configuration.GetSection("extensions:durableTask"));
        options.TaskHubName = LocalStack.UniqueName("bench");
        options.ConnectionString = connectionString;
        options.MaxConcurrentActivities = Math.Max(options.MaxConcurrentActivities, maxActivities);
        return options;
    }

    private static async Task<(DurableTaskWorker Worker, AzureStorageDurableTaskClient Client)> StartAsync(AzureStorageOrchestrationServiceOptions options, DurableTaskRegistry registry)
    {
        var worker = new DurableTaskWorker(options, registry);
        await worker.StartAsync(CancellationToken.None).ConfigureAwait(false);
        return (worker, new AzureStorageDurableTaskClient(options, registry: registry));
    }

    private static async Task StopAsync(DurableTaskWorker worker)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await worker.StopAsync(patience.Token).ConfigureAwait(false);
        await worker.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>One instance calls <paramref name="count"/> activities one after another.</summary>
    public async Task<double> SequentialAsync(int count)
    {
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<int, int>("Next", (_, x) => x + 1)
            .AddOrchestratorFunc<int, int>("Chain", async (ctx, n) =>
            {
                var x = 0;
                for (var i = 0; i < n; i++)
                {
                    x = await ctx.CallActivityAsync<int>("Next", x);
                }

                return x;
            });
        var (worker, client) = await StartAsync(Options(16), registry).ConfigureAwait(false);
        try
        {
            var clock = Stopwatch.StartNew();
            var id = await client.ScheduleNewOrchestrationInstanceAsync("Chain", count).ConfigureAwait(false);
            var done = await WaitAsync(client, id).ConfigureAwait(false);
            Check(done.ReadOutputAs<int>() == count, "sequential output");
            return count / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await StopAsync(worker).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One instance fans out <paramref name="count"/> activities and waits for all. Fan-out: activities started per second
    /// (from the start request until the last one runs). Fan-in: results processed per second (activities hold their result until
    /// all have started, then all return at once; from that moment until the orchestration completes).
    /// </summary>
    public async Task<(double FanOut, double FanIn)> FanOutFanInAsync(int count)
    {
        var started = 0;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<int, int>("Part", async (_, x) =>
            {
                if (Interlocked.Increment(ref started) == count)
                {
                    allStarted.SetResult();
                }

                await allStarted.Task.ConfigureAwait(false);
                return x;
            })
            .AddOrchestratorFunc<int, int>("Fan", async (ctx, n) =>
            {
                var parts = await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Part", i)));
                return parts.Sum();
            });
        var (worker, client) = await StartAsync(Options(count), registry).ConfigureAwait(false);
        try
        {
            var clock = Stopwatch.StartNew();
            var id = await client.ScheduleNewOrchestrationInstanceAsync("Fan", count).ConfigureAwait(false);
            await allStarted.Task.WaitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
            var fanOut = clock.Elapsed;
            var done = await WaitAsync(client, id).ConfigureAwait(false);
            var fanIn = clock.Elapsed - fanOut;
            Check(done.ReadOutputAs<int>() == count * (count - 1) / 2, "fan-in output");
            return (count / fanOut.TotalSeconds, count / fanIn.TotalSeconds);
        }
        finally
        {
            await StopAsync(worker).ConfigureAwait(false);
        }
    }

    /// <summary>One instance waits for <paramref name="count"/> events one after another; the client raises them back to back.</summary>
    public async Task<double> ExternalEventsAsync(int count)
    {
        var registry = new DurableTaskRegistry()
            .AddOrchestratorFunc<int, int>("Listen", async (ctx, n) =>
            {
                var sum = 0;
                for (var i = 0; i < n; i++)
                {
                    sum += await ctx.WaitForExternalEvent<int>("e");
                }

                return sum;
            });
        var (worker, client) = await StartAsync(Options(16), registry).ConfigureAwait(false);
        try
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync("Listen", count).ConfigureAwait(false);
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while ((await client.GetInstanceAsync(id).ConfigureAwait(false))!.RuntimeStatus != OrchestrationRuntimeStatus.Running)
            {
                Check(DateTime.UtcNow < deadline, "instance running");
                await Task.Delay(20).ConfigureAwait(false);
            }

            var clock = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                await client.RaiseEventAsync(id, "e", 1).ConfigureAwait(false);
            }

            var done = await WaitAsync(client, id).ConfigureAwait(false);
            Check(done.ReadOutputAs<int>() == count, "events output");
            return count / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await StopAsync(worker).ConfigureAwait(false);
        }
    }

    /// <summary>Polls the instance every 20 ms (the client's own wait polls every 100 ms, too coarse for runs of about a second).</summary>
    private static async Task<OrchestrationMetadata> WaitAsync(DurableTaskClient client, string id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            var metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: false).ConfigureAwait(false);
            if (metadata is { IsCompleted: true })
            {
                var done = (await client.GetInstanceAsync(id, getInputsAndOutputs: true).ConfigureAwait(false))!;
                Check(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{id} completed (was {done.RuntimeStatus})");
                return done;
            }

            Check(DateTime.UtcNow < deadline, $"{id} completes within 5 minutes");
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Benchmark check failed: " + what);
        }
    }
}
