using Azure.Storage.Queues;

namespace OneWindow.DurableTask.AzureStorage;

/// <summary>
/// One control queue. Part 2 gives each partition a blob lease so exactly one host owns it at a time;
/// here the single host owns all partitions.
/// </summary>
internal sealed class ControlQueuePartition(int index, QueueClient queue)
{
    public int Index { get; } = index;

    public QueueClient Queue { get; } = queue;

    public string Name => Queue.Name;
}
