using DurableTask.Core.History;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OneWindow.Hosting.Durable;

/// <summary>
/// Reads the history JSON of the Azure Storage provider (Newtonsoft, without type names) back into DTFx's event types,
/// choosing each event's class by its <c>EventType</c>.
/// </summary>
internal static class HistoryEventJson
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        ConstructorHandling = ConstructorHandling.AllowNonPublicDefaultConstructor,
    });

    // The class of an event type is its name plus "Event" (EventRaised -> EventRaisedEvent): strip the suffix only, as
    // "EventRaised" and "EventSent" themselves start with "Event".
    private static readonly Dictionary<EventType, Type> Types = typeof(HistoryEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(HistoryEvent)) && !t.IsAbstract && t.Name.EndsWith("Event", StringComparison.Ordinal)
            && Enum.TryParse<EventType>(t.Name[..^"Event".Length], out _))
        .ToDictionary(t => Enum.Parse<EventType>(t.Name[..^"Event".Length]), t => t);

    public static IList<HistoryEvent> Parse(string json)
    {
        var events = new List<HistoryEvent>();
        foreach (var item in JArray.Parse(json).OfType<JObject>())
        {
            var token = item[nameof(HistoryEvent.EventType)];
            var kind = token?.Type == JTokenType.Integer ? (EventType)token.Value<int>() : Enum.Parse<EventType>(token!.Value<string>()!);
            var type = Types.GetValueOrDefault(kind) ?? typeof(GenericEvent);
            events.Add((HistoryEvent)item.ToObject(type, Serializer)!);
        }

        return events;
    }
}
