using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging;

namespace OneWindow.Hosting.Durable;

/// <summary>
/// The orchestration service the engine's worker runs on: the Azure Storage provider, except that a parent's replayed
/// start of a sub-orchestration that already exists is dropped (decision 0014). The provider commits an episode by sending
/// its messages first and writing history second; a host that dies in between has its parent episode run again, and that
/// run schedules the same child (same instance id, same task id) with a new random execution id. DTFx de-dupes starts only
/// for top-level instances, so that second start would restart the existing child from scratch, losing its history.
/// </summary>
/// <remarks>
/// In <see cref="CompleteTaskOrchestrationWorkItemAsync"/>, each <see cref="ExecutionStartedEvent"/> whose parent is the
/// work item's instance costs one instance-table read of the child. Only if that row exists with another execution id is
/// the child's history read: when its <see cref="ExecutionStartedEvent.ParentInstance"/> has the same parent instance id,
/// parent execution id and <see cref="ParentInstance.TaskScheduleId"/>, the new start is a replay of the scheduling that
/// created it and is dropped. The parent's history still records <c>SubOrchestrationInstanceCreated</c>, and the existing
/// child's completion (sent to that parent execution with that task id) completes it. Every other message passes
/// unchanged, including a start of an id that a different scheduling (another task id or parent execution) used before.
/// A failed lookup fails the completion, which DTFx abandons and retries like any storage failure of the provider.
/// </remarks>
/// <param name="inner">The service the work item is completed with (the provider, or a wrapper of it).</param>
/// <param name="store">The provider, read for the children's instance rows and histories.</param>
/// <param name="logger">Where dropped starts are reported (warning).</param>
public sealed class SubOrchestrationStartDedupe(IOrchestrationService inner, AzureStorageOrchestrationService store, ILogger logger)
    : OrchestrationServiceDecorator(inner)
{
    /// <inheritdoc />
    public override async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var kept = orchestratorMessages;
        if (orchestratorMessages is { Count: > 0 } && orchestratorMessages.Any(m => ChildStart(m, workItem.InstanceId) is not null))
        {
            var duplicate = await Task.WhenAll(orchestratorMessages.Select(m => ChildStart(m, workItem.InstanceId) is { } start
                ? IsReplayedStartAsync(start)
                : Task.FromResult(false))).ConfigureAwait(false);
            kept = orchestratorMessages.Where((_, i) => !duplicate[i]).ToList();
        }

        await Inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, kept, timerMessages, continuedAsNewMessage, orchestrationState).ConfigureAwait(false);
    }

    /// <summary>The start event of a sub-orchestration created by <paramref name="parentId"/>, if the message is one.</summary>
    private static ExecutionStartedEvent? ChildStart(TaskMessage message, string parentId) =>
        message.Event is ExecutionStartedEvent { ParentInstance.OrchestrationInstance: { } parent } start
        && string.Equals(parent.InstanceId, parentId, StringComparison.Ordinal)
            ? start
            : null;

    /// <summary>True when the child already exists as another execution that the same scheduling of the same parent created.</summary>
    private async Task<bool> IsReplayedStartAsync(ExecutionStartedEvent start)
    {
        var childId = start.OrchestrationInstance.InstanceId;
        var states = await store.GetOrchestrationStateAsync(childId, allExecutions: false, fetchInput: false).ConfigureAwait(false);
        var existing = states.FirstOrDefault(s => s is not null);
        var existingExecution = existing?.OrchestrationInstance?.ExecutionId;
        if (existingExecution is null || existingExecution == start.OrchestrationInstance.ExecutionId)
        {
            return false;
        }

        var history = HistoryEventJson.Parse(await store.GetOrchestrationHistoryAsync(childId, existingExecution).ConfigureAwait(false));
        var existingParent = history.OfType<ExecutionStartedEvent>().FirstOrDefault()?.ParentInstance;
        var parent = start.ParentInstance;
        if (existingParent?.OrchestrationInstance is not { } existingParentInstance
            || existingParentInstance.InstanceId != parent.OrchestrationInstance.InstanceId
            || existingParentInstance.ExecutionId != parent.OrchestrationInstance.ExecutionId
            || existingParent.TaskScheduleId != parent.TaskScheduleId)
        {
            return false;
        }

        logger.LogWarning(
            "Dropped a replayed start of sub-orchestration {ChildId} (new execution {NewExecutionId}) by {ParentId} (execution {ParentExecutionId}, task {TaskScheduleId}): that scheduling already created execution {ExistingExecutionId}, now {Status}, which is left alone.",
            childId, start.OrchestrationInstance.ExecutionId, parent.OrchestrationInstance.InstanceId, parent.OrchestrationInstance.ExecutionId,
            parent.TaskScheduleId, existingExecution, existing!.OrchestrationStatus);
        return true;
    }
}
