using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace OneWindow.DurableTask.AzureStorage;

/// <summary>The orchestration context during one replay: records the code's actions and completes them from history.</summary>
internal sealed class ReplayContext : TaskOrchestrationContext
{
    private readonly DataConverter _converter;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Dictionary<int, OrchestrationAction> _actions = [];
    private readonly Dictionary<string, LinkedList<Action<string?>>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Name, string? Payload)> _buffered = [];
    private int _nextEventId;
    private int _guidCounter;

    public ReplayContext(TaskName name, string instanceId, string executionId, ParentOrchestrationInstance? parent, string? input, DataConverter converter, ILoggerFactory loggerFactory)
    {
        Name = name;
        InstanceId = instanceId;
        ExecutionId = executionId;
        Parent = parent;
        SerializedInput = input;
        _converter = converter;
        _loggerFactory = loggerFactory;
    }

    public override TaskName Name { get; }

    public override string InstanceId { get; }

    public string ExecutionId { get; }

    public override ParentOrchestrationInstance? Parent { get; }

    public override DateTime CurrentUtcDateTime => Now.UtcDateTime;

    public DateTimeOffset Now { get; set; }

    public override bool IsReplaying => Replaying;

    public bool Replaying { get; set; } = true;

    public override string Version => Name.Version;

    public string? SerializedInput { get; }

    public string? CustomStatus { get; private set; }

    public bool CustomStatusSet { get; private set; }

    public bool ContinueAsNewRequested { get; private set; }

    public string? ContinueAsNewInput { get; private set; }

    public bool PreserveUnprocessedEvents { get; private set; }

    public IReadOnlyDictionary<int, OrchestrationAction> Actions => _actions;

    public IReadOnlyList<(string Name, string? Payload)> BufferedEvents => _buffered;

    public DataConverter Converter => _converter;

    public override T? GetInput<T>()
        where T : default => _converter.Deserialize<T>(SerializedInput);

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var id = _nextEventId++;
        var tcs = new TaskCompletionSource();
        var action = new OrchestrationAction
        {
            EventId = id,
            Type = EventTypes.TimerCreated,
            FireAt = new DateTimeOffset(DateTime.SpecifyKind(fireAt, DateTimeKind.Utc)),
            Complete = _ => tcs.TrySetResult(),
            Fail = f => tcs.TrySetException(new TaskFailedException("Timer", id, f)),
        };
        _actions[id] = action;
        if (cancellationToken.CanBeCanceled)
        {
            // Cancelling removes the timer: a new one is never written, a recorded one's TimerFired is ignored.
            cancellationToken.Register(() =>
            {
                if (!action.Done)
                {
                    action.Canceled = true;
                    tcs.TrySetCanceled(cancellationToken);
                }
            });
        }

        return tcs.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var index = _buffered.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            var payload = _buffered[index].Payload;
            _buffered.RemoveAt(index);
            return Task.FromResult(DeserializeOrDefault<T>(payload));
        }

        var tcs = new TaskCompletionSource<T>();
        if (!_waiters.TryGetValue(eventName, out var list))
        {
            list = new LinkedList<Action<string?>>();
            _waiters[eventName] = list;
        }

        var node = list.AddLast(payload =>
        {
            try
            {
                tcs.TrySetResult(DeserializeOrDefault<T>(payload));
            }
            catch (Exception e)
            {
                tcs.TrySetException(e);
            }
        });
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    list.Remove(node);
                }

                tcs.TrySetCanceled(cancellationToken);
            });
        }

        return tcs.Task;
    }

    /// <summary>Hands an event to the oldest waiter for its name, or buffers it in arrival order.</summary>
    public void DeliverEvent(string name, string? payload)
    {
        if (_waiters.TryGetValue(name, out var list) && list.First is { } first)
        {
            list.RemoveFirst();
            first.Value(payload);
            return;
        }

        _buffered.Add((name, payload));
    }

    public override void SendEvent(string instanceId, string eventName, object? payload)
    {
        var id = _nextEventId++;
        _actions[id] = new OrchestrationAction
        {
            EventId = id,
            Type = EventTypes.EventSent,
            Name = eventName,
            TargetInstanceId = instanceId,
            Input = _converter.Serialize(payload),
            Done = true,
        };
    }

    public override void SetCustomStatus(object? customStatus)
    {
        CustomStatus = _converter.Serialize(customStatus);
        CustomStatusSet = true;
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        ContinueAsNewRequested = true;
        ContinueAsNewInput = _converter.Serialize(newInput);
        PreserveUnprocessedEvents = preserveUnprocessedEvents;
    }

    public override Guid NewGuid()
    {
        // Name-based (RFC 4122 v5 layout, SHA-256 hash) over values that are identical on every replay.
        var name = $"{InstanceId}_{Now.UtcDateTime:O}_{_guidCounter++}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    public override ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(_loggerFactory.CreateLogger(categoryName), () => Replaying);

    protected override Task<T> CallActivityCoreAsync<T>(TaskName name, object? input)
    {
        var id = _nextEventId++;
        var tcs = new TaskCompletionSource<T>();
        _actions[id] = new OrchestrationAction
        {
            EventId = id,
            Type = EventTypes.TaskScheduled,
            Name = name.Name,
            Version = name.Version,
            Input = _converter.Serialize(input),
            Complete = r => Settle(tcs, r),
            Fail = f => tcs.TrySetException(new TaskFailedException(name, id, f)),
        };
        return tcs.Task;
    }

    protected override Task<T> CallSubOrchestratorCoreAsync<T>(TaskName name, object? input, string? instanceId, string? version)
    {
        var id = _nextEventId++;
        var tcs = new TaskCompletionSource<T>();
        _actions[id] = new OrchestrationAction
        {
            EventId = id,
            Type = EventTypes.SubOrchestrationInstanceCreated,
            Name = name.Name,
            Version = version,
            Input = _converter.Serialize(input),
            TargetInstanceId = instanceId ?? $"{InstanceId}:{id:D4}",
            TargetExecutionId = DeterministicId($"{InstanceId}:{ExecutionId}:{id}"),
            Complete = r => Settle(tcs, r),
            Fail = f => tcs.TrySetException(new TaskFailedException(name, id, f)),
        };
        return tcs.Task;
    }

    public static string DeterministicId(string seed) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..32];

    private void Settle<T>(TaskCompletionSource<T> tcs, string? result)
    {
        try
        {
            tcs.TrySetResult(DeserializeOrDefault<T>(result));
        }
        catch (Exception e)
        {
            tcs.TrySetException(e);
        }
    }

    private T DeserializeOrDefault<T>(string? payload) => payload is null ? default! : _converter.Deserialize<T>(payload)!;
}
