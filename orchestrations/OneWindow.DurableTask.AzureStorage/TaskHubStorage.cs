using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace OneWindow.DurableTask.AzureStorage;

/// <summary>
/// The task hub's storage: <c>&lt;hub&gt;Instances</c> and <c>&lt;hub&gt;History</c> tables, one control queue per partition,
/// the work-item queue and the large-message container. Payloads over the queue or table limits go to blobs.
/// </summary>
internal sealed class TaskHubStorage
{
    // Queue messages are limited to 64 KB and table string properties to 64 KB (32K UTF-16 chars); keep margins.
    private const int MaxQueueMessageChars = 45 * 1024;
    private const int MaxTablePropertyChars = 30 * 1024;
    private const string BlobPrefix = "blob:";
    private const string SentinelRowKey = "~sentinel";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly BlobContainerClient _largeMessages;
    private readonly TimeProvider _time;
    private int _created;

    public TaskHubStorage(AzureStorageOrchestrationServiceOptions options, TimeProvider time)
    {
        options.Validate();
        _time = time;
        Options = options;
        var hub = options.TaskHubName;
        var lower = hub.ToLowerInvariant();
        QueueServiceClient queues;
        TableServiceClient tables;
        BlobServiceClient blobs;
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        if (options.ConnectionString is not null)
        {
            queues = new QueueServiceClient(options.ConnectionString, queueOptions);
            tables = new TableServiceClient(options.ConnectionString);
            blobs = new BlobServiceClient(options.ConnectionString);
        }
        else
        {
            queues = new QueueServiceClient(options.QueueServiceUri!, options.Credential!, queueOptions);
            tables = new TableServiceClient(options.TableServiceUri!, options.Credential!);
            blobs = new BlobServiceClient(options.BlobServiceUri!, options.Credential!);
        }

        Instances = tables.GetTableClient(hub + "Instances");
        History = tables.GetTableClient(hub + "History");
        Inbox = tables.GetTableClient(hub + "Inbox");
        WorkItems = queues.GetQueueClient(lower + "-workitems");
        Partitions = Enumerable.Range(0, options.PartitionCount)
            .Select(i => new ControlQueuePartition(i, queues.GetQueueClient($"{lower}-control-{i:D2}")))
            .ToArray();
        _largeMessages = blobs.GetBlobContainerClient(lower + "-largemessages");
        Leases = blobs.GetBlobContainerClient(lower + "-leases");
    }

    /// <summary>The partition lease blobs and host heartbeats (<see cref="PartitionManager"/>).</summary>
    public BlobContainerClient Leases { get; }

    public AzureStorageOrchestrationServiceOptions Options { get; }

    public TableClient Instances { get; }

    public TableClient History { get; }

    /// <summary>Client events waiting for their instance: PartitionKey = the instance's control queue, so one query per partition finds them all.</summary>
    public TableClient Inbox { get; }

    public QueueClient WorkItems { get; }

    public IReadOnlyList<ControlQueuePartition> Partitions { get; }

    public async Task CreateIfNotExistsAsync(CancellationToken cancellation)
    {
        if (Volatile.Read(ref _created) == 1)
        {
            return;
        }

        await Instances.CreateIfNotExistsAsync(cancellation).ConfigureAwait(false);
        await History.CreateIfNotExistsAsync(cancellation).ConfigureAwait(false);
        await Inbox.CreateIfNotExistsAsync(cancellation).ConfigureAwait(false);
        await WorkItems.CreateIfNotExistsAsync(cancellationToken: cancellation).ConfigureAwait(false);
        foreach (var partition in Partitions)
        {
            await partition.Queue.CreateIfNotExistsAsync(cancellationToken: cancellation).ConfigureAwait(false);
        }

        await _largeMessages.CreateIfNotExistsAsync(cancellationToken: cancellation).ConfigureAwait(false);
        await Leases.CreateIfNotExistsAsync(cancellationToken: cancellation).ConfigureAwait(false);
        Volatile.Write(ref _created, 1);
    }

    public ControlQueuePartition PartitionOf(string instanceId) => Partitions[(int)(StableHash.Compute(instanceId) % (uint)Partitions.Count)];

    // ---------- queues ----------

    public async Task SendAsync(QueueClient queue, TaskMessage message, TimeSpan delay, CancellationToken cancellation)
    {
        var text = JsonSerializer.Serialize(message, Json);
        if (text.Length > MaxQueueMessageChars)
        {
            var blobName = $"{message.InstanceId}/{Guid.NewGuid():N}.json";
            await _largeMessages.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(text), overwrite: true, cancellation).ConfigureAwait(false);
            text = JsonSerializer.Serialize(new TaskMessage { InstanceId = message.InstanceId, ExecutionId = message.ExecutionId, Event = new HistoryEvent { Type = message.Event.Type }, BlobName = blobName }, Json);
        }

        var capped = delay <= TimeSpan.Zero ? (TimeSpan?)null : (delay > Options.MaxQueueDelay ? Options.MaxQueueDelay : delay);
        // Messages never expire: a timer may sit in a queue longer than the default 7-day TTL.
        await queue.SendMessageAsync(text, capped, TimeSpan.FromSeconds(-1), cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Puts a client event in the inbox of the instance's partition (one row insert instead of a queue message that must also be
    /// deleted one by one); false when the message is too large for a table property (then it goes through the queue).
    /// </summary>
    public async Task<bool> TryPutInInboxAsync(TaskMessage message, CancellationToken cancellation)
    {
        var text = JsonSerializer.Serialize(message, Json);
        if (text.Length > MaxTablePropertyChars)
        {
            return false;
        }

        var rowKey = $"{DateTime.UtcNow.Ticks:D19}-{Guid.NewGuid():N}";
        await Inbox.AddEntityAsync(new TableEntity(PartitionOf(message.InstanceId).Name, rowKey) { ["Message"] = text }, cancellation).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// The oldest inbox rows of a partition that are <paramref name="due"/> (row key, decoded message), at most
    /// <paramref name="max"/>; rows held back (e.g. events for a suspended instance) do not hide newer ones: up to ten
    /// pages are read to find due rows.
    /// </summary>
    public async Task<List<(string RowKey, TaskMessage Message)>> ReadInboxAsync(ControlQueuePartition partition, int max, Func<string, bool> due, CancellationToken cancellation)
    {
        var rows = new List<(string, TaskMessage)>();
        var pages = 0;
        await foreach (var page in Inbox.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition.Name}"), maxPerPage: max, cancellationToken: cancellation).AsPages().ConfigureAwait(false))
        {
            foreach (var entity in page.Values)
            {
                if (rows.Count < max && due(entity.RowKey) && JsonSerializer.Deserialize<TaskMessage>(entity.GetString("Message") ?? "null", Json) is { } message)
                {
                    rows.Add((entity.RowKey, message));
                }
            }

            if (rows.Count >= max || ++pages >= 10)
            {
                break;
            }
        }

        return rows;
    }

    /// <summary>Deletes consumed inbox rows, up to 100 per entity-group transaction (they share the partition key).</summary>
    public async Task DeleteFromInboxAsync(ControlQueuePartition partition, IReadOnlyCollection<string> rowKeys, CancellationToken cancellation)
    {
        foreach (var chunk in rowKeys.Chunk(100))
        {
            try
            {
                await Inbox.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition.Name, k), ETag.All)), cancellation).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException)
            {
                // One row was already gone (a previous owner deleted it): delete the rest one by one.
                foreach (var key in chunk)
                {
                    try
                    {
                        await Inbox.DeleteEntityAsync(partition.Name, key, ETag.All, cancellation).ConfigureAwait(false);
                    }
                    catch (RequestFailedException e) when (e.Status == 404)
                    {
                    }
                }
            }
        }
    }

    public Task SendToInstanceAsync(TaskMessage message, TimeSpan delay, CancellationToken cancellation) =>
        SendAsync(PartitionOf(message.InstanceId).Queue, message, delay, cancellation);

    public async Task<TaskMessage> DecodeAsync(QueueMessage message, CancellationToken cancellation)
    {
        var decoded = JsonSerializer.Deserialize<TaskMessage>(message.Body.ToString(), Json)
            ?? throw new InvalidDataException($"Empty queue message {message.MessageId}.");
        if (decoded.BlobName is null)
        {
            return decoded;
        }

        var content = await _largeMessages.GetBlobClient(decoded.BlobName).DownloadContentAsync(cancellation).ConfigureAwait(false);
        return JsonSerializer.Deserialize<TaskMessage>(content.Value.Content.ToString(), Json)!;
    }

    // ---------- payloads in table properties ----------

    private async Task<string?> StorePropertyAsync(string instanceId, string? value, CancellationToken cancellation)
    {
        if (value is null || value.Length <= MaxTablePropertyChars)
        {
            return value;
        }

        var blobName = $"{instanceId}/{Guid.NewGuid():N}.json";
        await _largeMessages.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(value), overwrite: true, cancellation).ConfigureAwait(false);
        return BlobPrefix + blobName;
    }

    private async Task<string?> LoadPropertyAsync(string? value, CancellationToken cancellation)
    {
        if (value is null || !value.StartsWith(BlobPrefix, StringComparison.Ordinal))
        {
            return value;
        }

        var content = await _largeMessages.GetBlobClient(value[BlobPrefix.Length..]).DownloadContentAsync(cancellation).ConfigureAwait(false);
        return content.Value.Content.ToString();
    }

    // ---------- instances ----------

    public async Task<InstanceRow?> ReadInstanceAsync(string instanceId, bool withPayloads, CancellationToken cancellation)
    {
        var response = await Instances.GetEntityIfExistsAsync<TableEntity>(instanceId, string.Empty, cancellationToken: cancellation).ConfigureAwait(false);
        return response.HasValue ? await ToInstanceAsync(response.Value!, withPayloads, cancellation).ConfigureAwait(false) : null;
    }

    public async Task<InstanceRow> ToInstanceAsync(TableEntity entity, bool withPayloads, CancellationToken cancellation)
    {
        var failure = entity.GetString("Failure");
        return new InstanceRow
        {
            InstanceId = entity.PartitionKey,
            Name = entity.GetString("Name") ?? string.Empty,
            Version = entity.GetString("Version") ?? string.Empty,
            ExecutionId = entity.GetString("ExecutionId") ?? string.Empty,
            Status = Enum.Parse<OrchestrationRuntimeStatus>(entity.GetString("Status") ?? nameof(OrchestrationRuntimeStatus.Pending)),
            Input = withPayloads ? await LoadPropertyAsync(entity.GetString("Input"), cancellation).ConfigureAwait(false) : null,
            Output = withPayloads ? await LoadPropertyAsync(entity.GetString("Output"), cancellation).ConfigureAwait(false) : null,
            CustomStatus = await LoadPropertyAsync(entity.GetString("CustomStatus"), cancellation).ConfigureAwait(false),
            Failure = failure is null ? null : JsonSerializer.Deserialize<TaskFailureDetails>(failure, Json),
            CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? default,
            LastUpdatedAt = entity.GetDateTimeOffset("LastUpdatedAt") ?? default,
            ParentInstanceId = entity.GetString("ParentInstanceId"),
            ETag = entity.ETag,
        };
    }

    private async Task<TableEntity> ToEntityAsync(InstanceRow row, CancellationToken cancellation) => new(row.InstanceId, string.Empty)
    {
        ["Name"] = row.Name,
        ["Version"] = row.Version,
        ["ExecutionId"] = row.ExecutionId,
        ["Status"] = row.Status.ToString(),
        ["Input"] = await StorePropertyAsync(row.InstanceId, row.Input, cancellation).ConfigureAwait(false),
        ["Output"] = await StorePropertyAsync(row.InstanceId, row.Output, cancellation).ConfigureAwait(false),
        ["CustomStatus"] = await StorePropertyAsync(row.InstanceId, row.CustomStatus, cancellation).ConfigureAwait(false),
        ["Failure"] = row.Failure is null ? null : Truncate(JsonSerializer.Serialize(row.Failure, Json)),
        ["CreatedAt"] = row.CreatedAt,
        ["LastUpdatedAt"] = row.LastUpdatedAt,
        ["ParentInstanceId"] = row.ParentInstanceId,
    };

    /// <summary>Creates the row when absent, or replaces it when <paramref name="ifMatch"/> still matches; false on a conflict.</summary>
    public async Task<bool> TryCreateOrReplaceInstanceAsync(InstanceRow row, ETag? ifMatch, CancellationToken cancellation)
    {
        var entity = await ToEntityAsync(row, cancellation).ConfigureAwait(false);
        try
        {
            if (ifMatch is { } etag)
            {
                await Instances.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellation).ConfigureAwait(false);
            }
            else
            {
                await Instances.AddEntityAsync(entity, cancellation).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Updates some columns of the instance row after the history append (history is the source of truth; this row is a projection).</summary>
    public async Task MergeInstanceAsync(string instanceId, IReadOnlyDictionary<string, object?> columns, CancellationToken cancellation)
    {
        var entity = new TableEntity(instanceId, string.Empty);
        foreach (var (key, value) in columns)
        {
            entity[key] = key is "Input" or "Output" or "CustomStatus" ? await StorePropertyAsync(instanceId, value as string, cancellation).ConfigureAwait(false)
                : key == "Failure" && value is TaskFailureDetails failure ? Truncate(JsonSerializer.Serialize(failure, Json))
                : value;
        }

        await Instances.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellation).ConfigureAwait(false);
    }

    public async Task DeleteInstanceAsync(string instanceId, CancellationToken cancellation) =>
        await Instances.DeleteEntityAsync(instanceId, string.Empty, ETag.All, cancellation).ConfigureAwait(false);

    // ---------- history ----------

    public async Task<HistorySession> ReadHistoryAsync(string instanceId, string executionId, CancellationToken cancellation)
    {
        var session = new HistorySession { InstanceId = instanceId, ExecutionId = executionId, Events = [] };
        var sentinel = await History.GetEntityIfExistsAsync<TableEntity>(instanceId, SentinelRowKey, cancellationToken: cancellation).ConfigureAwait(false);
        if (!sentinel.HasValue)
        {
            // Every append writes the sentinel in the same entity-group transaction as its rows, so without one there is
            // no committed history. Skipping the range query matters: a new instance's first work item would otherwise
            // pay for a query that Azurite answers by scanning the whole History table.
            return session;
        }

        session.SentinelExists = true;
        session.SentinelETag = sentinel.Value!.ETag;
        if (sentinel.Value.GetString("ExecutionId") != executionId)
        {
            return session;
        }

        // Rows at or beyond the sentinel's committed count are left by an append that died between two transactions:
        // they are not history; the next append overwrites them.
        var committed = sentinel.Value.GetInt32("Count") ?? int.MaxValue;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and RowKey gt {executionId + "-"} and RowKey lt {executionId + "."}");
        await foreach (var entity in History.QueryAsync<TableEntity>(filter, cancellationToken: cancellation).ConfigureAwait(false))
        {
            if (session.Events.Count >= committed)
            {
                break;
            }

            session.Events.Add(await ToEventAsync(entity, cancellation).ConfigureAwait(false));
        }

        return session;
    }

    public async Task<List<HistoryEvent>> ReadAllHistoryAsync(string instanceId, string executionId, CancellationToken cancellation) =>
        (await ReadHistoryAsync(instanceId, executionId, cancellation).ConfigureAwait(false)).Events;

    /// <summary>Test hook: called after each transaction of a multi-transaction append with the number written so far; throwing simulates a crash there.</summary>
    internal Action<int>? AfterAppendChunk { get; set; }

    /// <summary>
    /// Appends events after the session's events, guarded by the sentinel ETag in the same entity-group transaction;
    /// false when another work item appended first (the caller drops its work and lets the messages come back).
    /// An append of more than 99 rows takes several transactions: every one moves the sentinel's ETag on, but only the last
    /// moves its committed <c>Count</c>, so a crash in between leaves rows that readers ignore and the next append overwrites.
    /// </summary>
    public async Task<bool> TryAppendHistoryAsync(HistorySession session, IReadOnlyList<HistoryEvent> newEvents, CancellationToken cancellation)
    {
        var start = session.Events.Count;
        for (var offset = 0; offset < newEvents.Count || (offset == 0 && newEvents.Count == 0); offset += 99)
        {
            var chunk = newEvents.Skip(offset).Take(99).ToList();
            var last = offset + chunk.Count >= newEvents.Count;
            var count = last ? start + newEvents.Count : start;
            var sentinel = new TableEntity(session.InstanceId, SentinelRowKey) { ["ExecutionId"] = session.ExecutionId, ["Count"] = count };
            var actions = new List<TableTransactionAction>
            {
                session.SentinelExists
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, sentinel, session.SentinelETag)
                    : new TableTransactionAction(TableTransactionActionType.Add, sentinel),
            };
            for (var i = 0; i < chunk.Count; i++)
            {
                var entity = await ToEntityAsync(session.InstanceId, $"{session.ExecutionId}-{start + offset + i:D6}", chunk[i], cancellation).ConfigureAwait(false);
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
            }

            try
            {
                var response = await History.SubmitTransactionAsync(actions, cancellation).ConfigureAwait(false);
                session.SentinelETag = response.Value[0].Headers.ETag ?? default;
                session.SentinelExists = true;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                return false;
            }

            if (newEvents.Count == 0)
            {
                break;
            }

            if (!last)
            {
                AfterAppendChunk?.Invoke(offset + chunk.Count);
            }
        }

        session.Events.AddRange(newEvents);
        return true;
    }

    public async Task DeleteHistoryAsync(string instanceId, CancellationToken cancellation)
    {
        var rows = new List<TableEntity>();
        await foreach (var entity in History.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellation).ConfigureAwait(false))
        {
            rows.Add(entity);
        }

        foreach (var chunk in rows.Chunk(100))
        {
            await History.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellation).ConfigureAwait(false);
        }
    }

    private async Task<TableEntity> ToEntityAsync(string instanceId, string rowKey, HistoryEvent e, CancellationToken cancellation) => new(instanceId, rowKey)
    {
        ["Type"] = e.Type,
        ["EventId"] = e.EventId,
        ["EventTimestamp"] = e.Timestamp,
        ["Name"] = e.Name,
        ["Version"] = e.Version,
        ["Input"] = await StorePropertyAsync(instanceId, e.Input, cancellation).ConfigureAwait(false),
        ["Result"] = await StorePropertyAsync(instanceId, e.Result, cancellation).ConfigureAwait(false),
        ["Failure"] = e.Failure is null ? null : await StorePropertyAsync(instanceId, JsonSerializer.Serialize(e.Failure, Json), cancellation).ConfigureAwait(false),
        ["FireAt"] = e.FireAt,
        ["TargetInstanceId"] = e.TargetInstanceId,
        ["TargetExecutionId"] = e.TargetExecutionId,
        ["MessageId"] = e.MessageId,
        ["ParentInstanceId"] = e.ParentInstanceId,
        ["ParentExecutionId"] = e.ParentExecutionId,
        ["ParentName"] = e.ParentName,
        ["ParentEventId"] = e.ParentEventId,
        ["Host"] = e.Host,
    };

    private async Task<HistoryEvent> ToEventAsync(TableEntity entity, CancellationToken cancellation)
    {
        var failure = await LoadPropertyAsync(entity.GetString("Failure"), cancellation).ConfigureAwait(false);
        return new HistoryEvent
        {
            Type = entity.GetString("Type")!,
            EventId = entity.GetInt32("EventId") ?? -1,
            Timestamp = entity.GetDateTimeOffset("EventTimestamp") ?? default,
            Name = entity.GetString("Name"),
            Version = entity.GetString("Version"),
            Input = await LoadPropertyAsync(entity.GetString("Input"), cancellation).ConfigureAwait(false),
            Result = await LoadPropertyAsync(entity.GetString("Result"), cancellation).ConfigureAwait(false),
            Failure = failure is null ? null : JsonSerializer.Deserialize<TaskFailureDetails>(failure, Json),
            FireAt = entity.GetDateTimeOffset("FireAt"),
            TargetInstanceId = entity.GetString("TargetInstanceId"),
            TargetExecutionId = entity.GetString("TargetExecutionId"),
            MessageId = entity.GetString("MessageId"),
            ParentInstanceId = entity.GetString("ParentInstanceId"),
            ParentExecutionId = entity.GetString("ParentExecutionId"),
            ParentName = entity.GetString("ParentName"),
            ParentEventId = entity.GetInt32("ParentEventId") ?? -1,
            Host = entity.GetString("Host"),
        };
    }

    private static string Truncate(string text) => text.Length <= MaxTablePropertyChars ? text : text[..MaxTablePropertyChars];

    public DateTimeOffset Now => _time.GetUtcNow();
}
