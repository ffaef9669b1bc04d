using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging;

namespace OneWindow.Hosting.Durable;

/// <summary>
/// Keeps a response from answering a scheduling it was not sent for (decision 0016). The Azure Storage provider commits an
/// episode by sending its messages first and writing its history second. A host that dies in between leaves the episode's
/// activities and timers running, and the episode runs again on the old history, possibly with a new event in its batch,
/// so it can take another branch and give another activity or timer the same sequence number. The first episode's
/// response then completes the second episode's task: a <c>CloseTask</c> received the result of an <c>Escalate</c>, and an
/// approved case was rejected. Each response is stamped here with what it answers (<see cref="ResponseStamp"/>; timers carry
/// their fire time already) and checked against the history when it arrives; one that answers something else is replaced
/// by a <see cref="GenericEvent"/> saying so, which orchestrations ignore, and the provider deletes its message as usual.
/// </summary>
/// <param name="inner">The service the worker would otherwise use.</param>
/// <param name="logger">Where dropped responses are reported (warning).</param>
public sealed class StaleResponseFilter(IOrchestrationService inner, ILogger logger) : OrchestrationServiceDecorator(inner)
{
    // Times go through the queue and the history table, which keep them to a millisecond at least; a rerun's times differ by
    // the seconds at least that pass before a lost episode runs again.
    private static readonly TimeSpan TimeTolerance = TimeSpan.FromMilliseconds(1);

    /// <inheritdoc />
    public override async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        Checked(await Inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override async Task<TaskOrchestrationWorkItem> LockNextOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        Checked(await base.LockNextOrchestrationWorkItemAsync(receiveTimeout, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(responseMessage);
        if (workItem.TaskMessage?.Event is TaskScheduledEvent scheduled)
        {
            responseMessage.Event = ResponseStamp.Add(responseMessage.Event, ResponseStamp.ActivityKey(scheduled));
        }

        return Inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    }

    /// <inheritdoc />
    public override Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        ArgumentNullException.ThrowIfNull(workItem);

        // DTFx gives the history a copy of each scheduling made a moment after the one it sends: the two get one time, so
        // that an answer (stamped with the sent one's) is recognised against the history.
        var sent = (outboundMessages ?? []).Select(m => m.Event).OfType<TaskScheduledEvent>().ToDictionary(e => e.EventId);
        foreach (var state in new[] { newOrchestrationRuntimeState, workItem.OrchestrationRuntimeState }.Distinct())
        {
            foreach (var recorded in state?.NewEvents.OfType<TaskScheduledEvent>() ?? [])
            {
                if (sent.TryGetValue(recorded.EventId, out var message)) recorded.Timestamp = message.Timestamp;
            }
        }

        // A child's answer to its parent says which child it is.
        foreach (var message in orchestratorMessages ?? [])
        {
            if (message.Event is SubOrchestrationInstanceCompletedEvent or SubOrchestrationInstanceFailedEvent)
            {
                message.Event = ResponseStamp.Add(message.Event, ResponseStamp.ChildKey(workItem.InstanceId));
            }
        }

        return base.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages!, orchestratorMessages!, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    /// <summary>The work item with its responses checked, and its session checking the messages an extended session fetches.</summary>
    private TaskOrchestrationWorkItem Checked(TaskOrchestrationWorkItem workItem)
    {
        if (workItem is null) return workItem!;
        workItem.NewMessages = Check(workItem, workItem.NewMessages);
        if (workItem.Session is { } session and not CheckedSession) workItem.Session = new CheckedSession(session, this);
        return workItem;
    }

    /// <summary>The messages with stamps removed, and every response that answers another scheduling replaced.</summary>
    internal IList<TaskMessage> Check(TaskOrchestrationWorkItem workItem, IList<TaskMessage> messages)
    {
        if (messages is null) return messages!;
        IEnumerable<HistoryEvent> history = workItem.OrchestrationRuntimeState?.Events ?? [];
        foreach (var message in messages)
        {
            var (key, response) = ResponseStamp.Remove(message.Event);
            var stale = Staleness(history, key, response);
            if (stale is null)
            {
                message.Event = response;
                continue;
            }

            logger.LogWarning(
                "Dropped a stale {EventType} for {InstanceId}: {Reason}. An earlier run of the episode sent the request and its history was never written.",
                response.EventType, workItem.InstanceId, stale);
            message.Event = new GenericEvent(-1, $"Dropped a stale {response.EventType}: {stale}.") { Timestamp = response.Timestamp };
        }

        return messages;
    }

    /// <summary>Why the response does not answer the scheduling in the history with its sequence number, or null when it does.</summary>
    internal static string? Staleness(IEnumerable<HistoryEvent> history, string? key, HistoryEvent response)
    {
        switch (response)
        {
            case TaskCompletedEvent or TaskFailedEvent when key is not null:
            {
                // No scheduling with this number in the history: the request came from a run of an episode that was never
                // written. Its rerun (this very batch, if at all) sends its own request, whose answer is the one to take.
                // A request whose episode another host is still writing cannot be answered here: that host's write or this
                // one's fails on the history's ETag, and an answer not taken by a failed write comes back.
                var id = response is TaskCompletedEvent c ? c.TaskScheduledId : ((TaskFailedEvent)response).TaskScheduledId;
                var scheduled = history.OfType<TaskScheduledEvent>().LastOrDefault(e => e.EventId == id);
                if (scheduled is null) return $"no task {id} in the history";
                var expected = ResponseStamp.ActivityKey(scheduled);
                if (ResponseStamp.ActivityNameKey(expected) != ResponseStamp.ActivityNameKey(key)) return $"task {id} is now activity '{scheduled.Name}', not the one that answered";
                var askedAt = ResponseStamp.ScheduledAt(key);
                return askedAt is { } at && (at - ResponseStamp.Utc(scheduled.Timestamp)).Duration() <= TimeTolerance
                    ? null
                    : $"task {id} ('{scheduled.Name}') was scheduled at {ResponseStamp.Utc(scheduled.Timestamp):O}, the answer is to a scheduling at {askedAt:O}";
            }

            case SubOrchestrationInstanceCompletedEvent or SubOrchestrationInstanceFailedEvent when key is not null:
            {
                var id = response is SubOrchestrationInstanceCompletedEvent c ? c.TaskScheduledId : ((SubOrchestrationInstanceFailedEvent)response).TaskScheduledId;
                var created = history.OfType<SubOrchestrationInstanceCreatedEvent>().LastOrDefault(e => e.EventId == id);
                return created is null || ResponseStamp.ChildKey(created.InstanceId) == key
                    ? null
                    : $"task {id} is now sub-orchestration '{created.InstanceId}', not the child that answered";
            }

            case TimerFiredEvent fired:
            {
                // As for activities: a timer the history does not have was set by a run that was never written.
                var created = history.OfType<TimerCreatedEvent>().LastOrDefault(e => e.EventId == fired.TimerId);
                if (created is null) return $"no timer {fired.TimerId} in the history";
                return (ResponseStamp.Utc(created.FireAt) - ResponseStamp.Utc(fired.FireAt)).Duration() <= TimeTolerance
                    ? null
                    : $"timer {fired.TimerId} now fires at {ResponseStamp.Utc(created.FireAt):O}, not at {ResponseStamp.Utc(fired.FireAt):O}";
            }

            default:
                return null;
        }
    }

    /// <summary>The provider's session, with the messages an extended session fetches checked like a new work item's.</summary>
    private sealed class CheckedSession(IOrchestrationSession inner, StaleResponseFilter filter) : IOrchestrationSession
    {
        public async Task<IList<TaskMessage>?> FetchNewOrchestrationMessagesAsync(TaskOrchestrationWorkItem workItem)
        {
            var messages = await inner.FetchNewOrchestrationMessagesAsync(workItem).ConfigureAwait(false);
            return messages is null ? null : filter.Check(workItem, messages);
        }

        public Task EndSessionAsync() => inner.EndSessionAsync();
    }
}
