using Azure.Data.Tables;
using OneWindow.DurableTask.AzureStorage;
using Xunit;
using Xunit.Abstractions;

namespace OneWindow.DurableTask.Tests;

/// <summary>
/// A task hub driven by real worker processes: starts the fault scenario's instances, raises their events, waits for them
/// and checks every instance's output and history (no duplicated step, and who processed which work item).
/// </summary>
public sealed class FaultHub(string connectionString, ITestOutputHelper output)
{
    public string Hub { get; } = OneWindow.Testing.LocalStack.UniqueName("fault");

    public string ConnectionString { get; } = connectionString;

    public List<WorkerProcess> Workers { get; } = [];

    private AzureStorageDurableTaskClient Client => new(new AzureStorageOrchestrationServiceOptions { TaskHubName = Hub, ConnectionString = ConnectionString, PartitionCount = 4 }, TimeProvider.System);

    public static int Expected(int n) => (6 * (n + 1)) + EventValue(n) + 1;

    public static int EventValue(int n) => 1000 + n;

    public async Task<WorkerProcess> StartWorkerAsync(string id)
    {
        var worker = await WorkerProcess.StartAsync(ConnectionString, Hub, id);
        Workers.Add(worker);
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} started {id}");
        return worker;
    }

    public async Task<List<string>> StartInstancesAsync(int count)
    {
        var client = Client;
        var ids = new List<string>();
        for (var n = 0; n < count; n++)
        {
            ids.Add(await client.ScheduleNewOrchestrationInstanceAsync("FaultScenario", n, new StartOrchestrationOptions(InstanceId: $"case-{n:D3}")));
        }

        return ids;
    }

    /// <summary>Raises "go" for the instances from <paramref name="first"/>, one after another, while the workers run.</summary>
    public async Task RaiseEventsAsync(IReadOnlyList<string> ids, int first, int count)
    {
        var client = Client;
        for (var n = first; n < first + count; n++)
        {
            await client.RaiseEventAsync(ids[n], "go", EventValue(n));
        }
    }

    public async Task<int> CountCompletedAsync()
    {
        var table = new TableClient(ConnectionString, Hub + "Instances");
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>("Status eq 'Completed'", select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }

    public async Task WaitForCompletedAsync(int count, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        int done;
        while ((done = await CountCompletedAsync()) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {done} of {count} instances completed in {seconds} s.\n" + await DescribeUnfinishedAsync() + string.Join("\n---\n", Workers.Select(w => w.WorkerId + ":\n" + w.Process.Tail(30))));
            }

            await Task.Delay(250);
        }
    }

    private async Task<string> DescribeUnfinishedAsync()
    {
        var table = new TableClient(ConnectionString, Hub + "Instances");
        var history = new TableClient(ConnectionString, Hub + "History");
        var text = new System.Text.StringBuilder();
        await foreach (var row in table.QueryAsync<TableEntity>("Status ne 'Completed'"))
        {
            text.Append(row.PartitionKey).Append(' ').Append(row.GetString("Status")).Append(':');
            await foreach (var e in history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {row.PartitionKey}")))
            {
                text.Append(' ').Append(e.RowKey == "~sentinel" ? $"sentinel={e.GetInt32("Count")}" : $"{e.RowKey[^3..]}:{e.GetString("Type")}/{e.GetInt32("EventId")}/{e.GetString("Host")}");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Waits (polled, with a deadline) until the worker reports work in flight.</summary>
    public static async Task WaitForWorkInFlightAsync(WorkerProcess worker)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (worker.Last().InFlight == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{worker.WorkerId} never had work in flight.\n{worker.Process.Tail(30)}");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Kills a worker only while it has work in flight (polled, with a deadline).</summary>
    public async Task KillWhileBusyAsync(WorkerProcess worker)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (worker.Last().InFlight == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{worker.WorkerId} never had work in flight.\n{worker.Process.Tail(30)}");
            }

            await Task.Delay(10);
        }

        var before = worker.Last();
        await worker.Process.KillHardAsync();
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} kill -9 {worker.WorkerId} with {before.InFlight} in flight after {before.WorkItems} work items");
    }

    /// <summary>
    /// Every instance completed with the right output; its history (rows as stored, within the sentinel's committed count)
    /// holds each step once. Returns each instance's work items in order: (host, start of the work item, commit time of its last row).
    /// </summary>
    public async Task<Dictionary<string, List<(string Host, DateTimeOffset Started, DateTimeOffset Committed)>>> VerifyAsync(IReadOnlyList<string> ids)
    {
        var client = Client;
        var instances = new TableClient(ConnectionString, Hub + "Instances");
        var history = new TableClient(ConnectionString, Hub + "History");
        var workItems = new Dictionary<string, List<(string, DateTimeOffset, DateTimeOffset)>>(StringComparer.Ordinal);
        for (var n = 0; n < ids.Count; n++)
        {
            var id = ids[n];
            var metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
            Assert.NotNull(metadata);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
            Assert.Equal(Expected(n), metadata.ReadOutputAs<int>());

            var executionId = (await instances.GetEntityAsync<TableEntity>(id, string.Empty)).Value.GetString("ExecutionId");
            var rows = new List<TableEntity>();
            TableEntity? sentinel = null;
            await foreach (var row in history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}")))
            {
                if (row.RowKey == "~sentinel")
                {
                    sentinel = row;
                }
                else if (row.RowKey.StartsWith(executionId + "-", StringComparison.Ordinal))
                {
                    rows.Add(row);
                }
            }

            Assert.NotNull(sentinel);
            var committed = sentinel.GetInt32("Count") ?? 0;
            rows = rows.OrderBy(r => r.RowKey, StringComparer.Ordinal).Take(committed).ToList();
            Assert.Equal(committed, rows.Count);
            foreach (var type in new[] { "TaskScheduled", "TaskCompleted", "TimerCreated", "TimerFired" })
            {
                var ofType = rows.Where(r => r.GetString("Type") == type).Select(r => r.GetInt32("EventId")).ToList();
                Assert.True(ofType.Count == ofType.Distinct().Count(), $"{id}: duplicated {type} rows");
            }

            Assert.Equal(5, rows.Count(r => r.GetString("Type") == "TaskScheduled"));
            Assert.Equal(5, rows.Count(r => r.GetString("Type") == "TaskCompleted"));
            Assert.Single(rows, r => r.GetString("Type") == "TimerFired");
            Assert.Single(rows, r => r.GetString("Type") == "EventRaised");
            Assert.Single(rows, r => r.GetString("Type") == "ExecutionStarted");
            Assert.Single(rows, r => r.GetString("Type") == "ExecutionCompleted");

            var items = new List<(string, DateTimeOffset, DateTimeOffset)>();
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i].GetString("Type") != "OrchestratorStarted")
                {
                    continue;
                }

                var end = i;
                while (end + 1 < rows.Count && rows[end + 1].GetString("Type") != "OrchestratorStarted")
                {
                    end++;
                }

                items.Add((rows[i].GetString("Host") ?? "?", rows[i].GetDateTimeOffset("EventTimestamp")!.Value, rows[end].Timestamp!.Value));
            }

            workItems[id] = items;
        }

        return workItems;
    }

    public async Task StopAllAsync()
    {
        foreach (var worker in Workers)
        {
            await worker.DisposeAsync();
        }
    }
}
