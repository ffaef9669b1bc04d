using System.Text.Json;
using OneWindow.Domain.Supervision;
using OneWindow.Hosting.Time;

namespace OneWindow.Functions.Supervision;

/// <summary>
/// The engine's merged history of a case as API.md's <c>events</c>: business times, the department of each task's
/// review instance, and <c>actor</c>, who caused the step: the payload's actor for the events routes raise
/// (<c>user:&lt;subject&gt;</c>, <c>system:&lt;department&gt;</c>), <c>timer</c> for fired timers, <c>applicant</c> and
/// <c>clerk</c> for the window's events, and for activities and timers scheduled in reply, the cause of their round.
/// </summary>
public static class CaseHistoryView
{
    /// <summary>One event of the answer.</summary>
    public sealed record Event(int Sequence, DateTimeOffset Timestamp, string Type, string? Name, string InstanceId, string? Department, string? Actor, string? Detail);

    /// <summary>Builds the events; <paramref name="departments"/> maps a task's instance id to its department.</summary>
    public static IReadOnlyList<Event> Build(string caseInstanceId, IReadOnlyList<CaseHistoryEvent> events, IReadOnlyDictionary<string, string> departments)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(departments);
        var cause = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new List<Event>(events.Count);
        foreach (var e in events.OrderBy(e => e.Sequence))
        {
            var root = e.InstanceId == caseInstanceId;
            string? actor;
            switch (e.Type)
            {
                case "ExecutionStarted":
                    actor = cause[e.InstanceId] = root ? "applicant" : "orchestration";
                    break;
                case "EventRaised":
                    actor = cause[e.InstanceId] = RaisedBy(e.Name, e.Data);
                    break;
                case "TimerFired":
                    actor = cause[e.InstanceId] = "timer";
                    break;
                case "SubOrchestrationInstanceCompleted" or "SubOrchestrationInstanceFailed":
                    actor = cause[e.InstanceId] = "orchestration";
                    break;
                default:
                    actor = cause.GetValueOrDefault(e.InstanceId);
                    break;
            }

            result.Add(new Event(result.Count, e.BusinessTimestamp, e.Type, e.Name, e.InstanceId, departments.GetValueOrDefault(e.InstanceId), actor, e.Data));
        }

        return result;
    }

    /// <summary>Who raised an event: the actor its payload names, else the party the event always comes from.</summary>
    public static string RaisedBy(string? name, string? payload)
    {
        if (payload is { Length: > 1 } && payload[0] == '{')
        {
            try
            {
                using var json = JsonDocument.Parse(payload);
                if (json.RootElement.TryGetProperty("actor", out var actor) && actor.ValueKind == JsonValueKind.String && actor.GetString() is { Length: > 0 } named)
                    return named;
            }
            catch (JsonException)
            {
                // Not JSON after all: fall back to the event's name.
            }
        }

        return name switch
        {
            "AcceptanceDecision" => "clerk",
            "CorrectionSubmitted" or "CorrectionsReceived" => "applicant",
            ClockMoved.EventName => "development-clock",
            _ => "orchestration",
        };
    }
}
