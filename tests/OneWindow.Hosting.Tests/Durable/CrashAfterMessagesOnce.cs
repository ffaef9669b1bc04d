using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using OneWindow.Hosting.Durable;

namespace OneWindow.Hosting.Tests.Durable;

/// <summary>
/// The provider, except that the first episode of <paramref name="parentId"/> that starts a sub-orchestration "crashes"
/// between the provider's two commit steps: its messages are sent (the provider's first step), then, once the test
/// releases it, the completion throws before any history is written. DTFx abandons the work item and the parent's message
/// comes back (as after a host killed at that point), so the parent episode runs again on unchanged history.
/// </summary>
/// <param name="provider">The Azure Storage provider.</param>
/// <param name="parentId">The parent instance whose episode crashes.</param>
internal sealed class CrashAfterMessagesOnce(AzureStorageOrchestrationService provider, string parentId) : OrchestrationServiceDecorator(provider)
{
    private int crashed;
    private int startsAfterCrash;

    /// <summary>The child start sent by the crashed episode, once it was sent.</summary>
    public TaskCompletionSource<ExecutionStartedEvent> Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed by the test to let the crashed episode throw.</summary>
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Child starts the parent's later episodes passed to the provider (after the dedupe's filter).</summary>
    public int StartsAfterCrash => Volatile.Read(ref startsAfterCrash);

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
        var starts = orchestratorMessages.Where(m => m.Event is ExecutionStartedEvent).ToList();
        if (workItem.InstanceId == parentId && starts.Count > 0)
        {
            if (Interlocked.Exchange(ref crashed, 1) == 0)
            {
                await provider.SendTaskOrchestrationMessageBatchAsync([.. orchestratorMessages]);
                Sent.TrySetResult((ExecutionStartedEvent)starts[0].Event);
                await Release.Task;
                throw new InvalidOperationException("Simulated crash after the episode's messages, before its history.");
            }

            Interlocked.Add(ref startsAfterCrash, starts.Count);
        }

        await base.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }
}
