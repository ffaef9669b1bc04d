using Azure.Storage.Queues;

namespace OneWindow.DurableTask.AzureStorage;

/// <summary>
/// One control queue (and its rows in the inbox table). <see cref="PartitionManager"/> gives it to one host at a time.
/// </summary>
internal sealed class ControlQueuePartition(int index, QueueClient queue)
{
    public int Index { get; } = index;

    public QueueClient Queue { get; } = queue;

    public string Name => Queue.Name;
}
