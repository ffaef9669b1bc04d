using DurableTask.Core.History;
using OneWindow.Hosting.Durable;
using Xunit;

namespace OneWindow.Hosting.Tests.Durable;

public sealed class HistoryEventJsonTests
{
    [Theory]
    [InlineData(EventType.ExecutionStarted, typeof(ExecutionStartedEvent))]
    [InlineData(EventType.EventRaised, typeof(EventRaisedEvent))]
    [InlineData(EventType.EventSent, typeof(EventSentEvent))]
    [InlineData(EventType.SubOrchestrationInstanceCreated, typeof(SubOrchestrationInstanceCreatedEvent))]
    public void Each_event_type_is_read_as_its_own_class(EventType kind, Type expected)
    {
        var events = HistoryEventJson.Parse($"[{{\"EventType\":{(int)kind},\"EventId\":3,\"Name\":\"n\"}},{{\"EventType\":\"{kind}\",\"EventId\":4}}]");
        Assert.All(events, e => Assert.IsType(expected, e));
        Assert.Equal([3, 4], events.Select(e => e.EventId));
    }
}
