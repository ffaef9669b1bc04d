using Xunit;
using Azure.Data.Tables;
using OneWindow.Testing;

namespace OneWindow.Hosting.Tests;

public sealed class TimerTriggerTests
{
    [Fact]
    public async Task Two_host_processes_run_each_occurrence_exactly_once_and_catch_up_after_downtime()
    {
        var stack = await LocalStack.SharedAsync();
        var tableName = "t" + LocalStack.UniqueName("tick").Replace("-", string.Empty, StringComparison.Ordinal);
        var container = LocalStack.UniqueName("locks").ToLowerInvariant();
        var queueName = LocalStack.UniqueName("idle").ToLowerInvariant();
        var table = new TableServiceClient(stack.Azurite.ConnectionString).GetTableClient(tableName);
        List<TableEntity> Ticks() => table.Query<TableEntity>(e => e.PartitionKey == "tick").ToList();

        await using (var first = await TestAppProcess.StartAsync(stack, queueName, tableName, "*/2 * * * * *", container))
        await using (var second = await TestAppProcess.StartAsync(stack, queueName, tableName, "*/2 * * * * *", container))
        {
            await Eventually.TrueAsync(async () =>
            {
                await table.CreateIfNotExistsAsync();
                return Ticks().Count >= 6;
            }, TimeSpan.FromSeconds(60), first.Process);
        }

        var occurrences = Ticks().Select(e => e.GetDateTimeOffset("Occurrence")!.Value).OrderBy(o => o).ToList();
        Assert.Equal(occurrences.Count, occurrences.Distinct().Count());
        for (var i = 1; i < occurrences.Count; i++)
        {
            Assert.Equal(TimeSpan.FromSeconds(2), occurrences[i] - occurrences[i - 1]);
        }

        // Downtime: no host runs for several occurrences; the next host runs the missed one once, past due.
        var before = Ticks().Count;
        await Task.Delay(TimeSpan.FromSeconds(5)); // the downtime itself is what is tested, not a hope
        await using (var third = await TestAppProcess.StartAsync(stack, queueName, tableName, "*/2 * * * * *", container))
        {
            await Eventually.TrueAsync(() => Task.FromResult(Ticks().Count >= before + 2), TimeSpan.FromSeconds(60), third.Process);
        }

        var after = Ticks().OrderBy(e => e.GetDateTimeOffset("Occurrence")).Skip(before).ToList();
        Assert.True(after[0].GetBoolean("PastDue"));
        Assert.Equal(1, after.Count(e => e.GetBoolean("PastDue") == true));
    }
}
