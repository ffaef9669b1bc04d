namespace OneWindow.DurableTask.AzureStorage;

/// <summary>A work item found that this host no longer (certainly) owns its partition and committed nothing.</summary>
internal sealed class PartitionLostException(int partition) : Exception($"Partition {partition} is no longer owned by this host.");
