using System.Globalization;
using System.Text.Json;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using OneWindow.Domain.Supervision;
using OneWindow.Hosting.Time;

namespace OneWindow.Functions.Supervision;

/// <summary>
/// A case's history from the engine: the case instance's events and those of every sub-orchestration it created
/// (the client returns one instance's history; sub-orchestrations are followed by their ids), merged in time order.
/// Business times add the development clock's offset then in effect, read from the instance's input
/// (<c>clockOffset</c>), activity results that carry one and <see cref="ClockMoved"/> events.
/// </summary>
public static class CaseHistoryReader
{
    /// <summary>Longest <see cref="CaseHistoryEvent.Data"/> kept per event.</summary>
    public const int MaxData = 2000;

    /// <summary>
    /// Reads the merged history of <paramref name="instanceId"/> and its sub-orchestrations; <paramref name="rootHistory"/>,
    /// when the caller has already read the root instance's history, is used instead of reading it again.
    /// </summary>
    public static async Task<(IReadOnlyList<CaseHistoryEvent> Events, IReadOnlyList<string> Instances)> ReadAsync(
        DurableTaskClient durable, string instanceId, CancellationToken cancellationToken, IList<HistoryEvent>? rootHistory = null)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var merged = new List<(DateTimeOffset At, DateTimeOffset Business, string Instance, HistoryEvent Event, string? Name, string? Data)>();
        var instances = new List<string>();
        var queue = new Queue<string>([instanceId]);
        while (queue.TryDequeue(out var id))
        {
            if (instances.Contains(id)) continue;
            IList<HistoryEvent> history;
            try
            {
                history = id == instanceId && rootHistory is not null ? rootHistory : await durable.GetOrchestrationHistoryAsync(id, cancellationToken);
            }
            catch (ArgumentException)
            {
                continue; // a sub-orchestration already purged
            }

            instances.Add(id);
            var offset = TimeSpan.Zero;
            var scheduled = new Dictionary<int, string>();
            foreach (var e in history)
            {
                var (name, data) = Describe(e, scheduled);
                offset = Max(offset, OffsetIn(e, data));
                if (e is SubOrchestrationInstanceCreatedEvent created) queue.Enqueue(created.InstanceId);
                if (e.EventType is EventType.OrchestratorStarted or EventType.OrchestratorCompleted) continue; // engine bookkeeping
                var at = new DateTimeOffset(DateTime.SpecifyKind(e.Timestamp, DateTimeKind.Utc));
                merged.Add((at, at + offset, id, e, name, data is { Length: > MaxData } ? data[..MaxData] + "…" : data));
            }
        }

        var events = merged
            .OrderBy(m => m.At).ThenBy(m => instances.IndexOf(m.Instance)).ThenBy(m => m.Event.EventId)
            .Select((m, i) => new CaseHistoryEvent(i, m.At, m.Business, m.Instance, m.Event.EventId, m.Event.EventType.ToString(), m.Name, m.Data))
            .ToList();
        return (events, instances);
    }

    private static (string? Name, string? Data) Describe(HistoryEvent e, Dictionary<int, string> scheduled)
    {
        switch (e)
        {
            case ExecutionStartedEvent s: return (s.Name, s.Input);
            case TaskScheduledEvent t:
                scheduled[t.EventId] = t.Name ?? string.Empty;
                return (t.Name, t.Input);
            case TaskCompletedEvent c: return (scheduled.GetValueOrDefault(c.TaskScheduledId), c.Result);
            case TaskFailedEvent f: return (scheduled.GetValueOrDefault(f.TaskScheduledId), f.FailureDetails?.ErrorMessage ?? f.Reason);
            case SubOrchestrationInstanceCreatedEvent so:
                scheduled[so.EventId] = so.Name ?? string.Empty;
                return (so.Name, so.InstanceId);
            case SubOrchestrationInstanceCompletedEvent sc: return (scheduled.GetValueOrDefault(sc.TaskScheduledId), sc.Result);
            case SubOrchestrationInstanceFailedEvent sf: return (scheduled.GetValueOrDefault(sf.TaskScheduledId), sf.FailureDetails?.ErrorMessage ?? sf.Reason);
            case TimerCreatedEvent tc: return (null, tc.FireAt.ToString("O", CultureInfo.InvariantCulture));
            case TimerFiredEvent tf: return (null, tf.FireAt.ToString("O", CultureInfo.InvariantCulture));
            case EventRaisedEvent r: return (r.Name, r.Input);
            case EventSentEvent es: return (es.Name, es.InstanceId);
            case ExecutionCompletedEvent ec: return (ec.OrchestrationStatus.ToString(), ec.Result);
            case ExecutionTerminatedEvent et: return (null, et.Input);
            case ExecutionSuspendedEvent su: return (null, su.Reason);
            case ExecutionResumedEvent re: return (null, re.Reason);
            default: return (null, null);
        }
    }

    /// <summary>The business-time offset an event carries: the input's or a result's <c>clockOffset</c>, or a ClockMoved payload's <c>offset</c>.</summary>
    private static TimeSpan OffsetIn(HistoryEvent e, string? data)
    {
        var property = e switch
        {
            EventRaisedEvent { Name: ClockMoved.EventName } => "offset",
            ExecutionStartedEvent or TaskCompletedEvent => "clockOffset",
            _ => null,
        };
        if (property is null || string.IsNullOrEmpty(data) || data[0] != '{') return TimeSpan.Zero;
        try
        {
            using var json = JsonDocument.Parse(data);
            return json.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
                && TimeSpan.TryParse(value.GetString(), CultureInfo.InvariantCulture, out var offset) ? offset : TimeSpan.Zero;
        }
        catch (JsonException)
        {
            return TimeSpan.Zero;
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
