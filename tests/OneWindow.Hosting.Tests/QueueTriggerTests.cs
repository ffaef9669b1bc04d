using Xunit;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using OneWindow.Testing;

namespace OneWindow.Hosting.Tests;

public sealed class QueueTriggerTests
{
    [Fact]
    public async Task A_failing_message_is_tried_maxDequeueCount_times_then_poisoned_and_an_unparseable_one_at_once()
    {
        var stack = await LocalStack.SharedAsync();
        var queueName = LocalStack.UniqueName("work").ToLowerInvariant();
        var tableName = "t" + LocalStack.UniqueName("q").Replace("-", string.Empty, StringComparison.Ordinal);
        var queues = new QueueServiceClient(stack.Azurite.ConnectionString);
        var queue = queues.GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("{\"id\":\"bad\",\"fail\":true,\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"}");
        await queue.SendMessageAsync("this is not json");
        await queue.SendMessageAsync("{\"id\":\"good\",\"fail\":false}");

        await using var app = await TestAppProcess.StartAsync(stack, queueName, tableName, "0 0 0 1 1 *");
        var poison = queues.GetQueueClient(queueName + "-poison");
        var table = new TableServiceClient(stack.Azurite.ConnectionString).GetTableClient(tableName);
        await Eventually.TrueAsync(async () =>
        {
            if (!(await poison.ExistsAsync()).Value)
            {
                return false;
            }

            var props = await poison.GetPropertiesAsync();
            return props.Value.ApproximateMessagesCount >= 2;
        }, TimeSpan.FromSeconds(60), app.Process);

        var badTries = table.Query<TableEntity>(e => e.PartitionKey == "work-bad").Select(e => e.RowKey).ToList();
        Assert.Equal(["001", "002", "003"], badTries);
        var good = table.Query<TableEntity>(e => e.PartitionKey == "work-good").Select(e => e.RowKey).ToList();
        Assert.Equal(["001"], good);
        var poisoned = (await poison.PeekMessagesAsync(10)).Value.Select(m => m.MessageText).ToList();
        Assert.Contains("this is not json", poisoned);
        Assert.Contains(poisoned, m => m.Contains("\"bad\"", StringComparison.Ordinal));
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }
}
