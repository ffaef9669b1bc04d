using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace OneWindow.Bench;

/// <summary>
/// The storage bound of each durable scenario, defined by issue 7 independently of our runtime: a plain loop doing on
/// Azurite the storage operations the Durable Task Framework's Azure Storage provider spends. Per activity: one
/// work-item message sent, received and deleted, one control-queue message sent, received and deleted, and a two-row
/// history append. Per external event: one control-queue message sent, received and deleted and a one-row append.
/// </summary>
internal sealed class StorageBound(string connectionString)
{
    private readonly QueueServiceClient queues = new(connectionString);
    private readonly TableServiceClient tables = new(connectionString);

    /// <summary>Activities (or events) per second for <paramref name="count"/> rounds run <paramref name="concurrency"/> at a time.</summary>
    public async Task<double> MeasureAsync(string scenario, int count, int concurrency, bool externalEvent)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var workItems = queues.GetQueueClient($"bound-{suffix}-workitems");
        var control = queues.GetQueueClient($"bound-{suffix}-control");
        var history = tables.GetTableClient($"bound{suffix}History");
        await workItems.CreateIfNotExistsAsync().ConfigureAwait(false);
        await control.CreateIfNotExistsAsync().ConfigureAwait(false);
        await history.CreateIfNotExistsAsync().ConfigureAwait(false);
        var instance = $"{scenario}-{suffix}";
        var next = -1;

        async Task Worker()
        {
            int sequence;
            while ((sequence = Interlocked.Increment(ref next)) < count)
            {
                if (externalEvent)
                {
                    await MessageRoundAsync(control, "{\"event\":\"approved\"}").ConfigureAwait(false);
                    await AppendAsync(history, instance, sequence, rows: 1).ConfigureAwait(false);
                }
                else
                {
                    await MessageRoundAsync(workItems, "{\"taskScheduled\":1}").ConfigureAwait(false);
                    await MessageRoundAsync(control, "{\"taskCompleted\":1}").ConfigureAwait(false);
                    await AppendAsync(history, instance, sequence, rows: 2).ConfigureAwait(false);
                }
            }
        }

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker))).ConfigureAwait(false);
        clock.Stop();

        await workItems.DeleteIfExistsAsync().ConfigureAwait(false);
        await control.DeleteIfExistsAsync().ConfigureAwait(false);
        await history.DeleteAsync().ConfigureAwait(false);
        return count / clock.Elapsed.TotalSeconds;
    }

    private static async Task MessageRoundAsync(QueueClient queue, string body)
    {
        await queue.SendMessageAsync(body).ConfigureAwait(false);
        while (true)
        {
            var received = await queue.ReceiveMessageAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            if (received.Value is { } message)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt).ConfigureAwait(false);
                return;
            }
        }
    }

    private static async Task AppendAsync(TableClient history, string instance, int sequence, int rows)
    {
        var actions = Enumerable.Range(0, rows).Select(row => new TableTransactionAction(TableTransactionActionType.Add,
            new TableEntity(instance, $"{sequence:D10}-{row}") { ["EventType"] = row == 0 ? "TaskScheduled" : "TaskCompleted" }));
        await history.SubmitTransactionAsync(actions).ConfigureAwait(false);
    }
}
