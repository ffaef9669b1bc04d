using System.Reflection;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using OneWindow.Hosting.Durable;

namespace OneWindow.Hosting.Tests.Durable;

/// <summary>
/// The provider, except that the first episode of <paramref name="instanceId"/> that schedules an activity whose input
/// contains <paramref name="inputMark"/> "crashes" between the provider's two commit steps: its activity messages are sent
/// (the provider's own first step, called through reflection: the provider has no public way to send them), then, once the
/// test releases it, the completion throws before any history is written, as a host killed at that point would leave it.
/// </summary>
/// <param name="provider">The Azure Storage provider.</param>
/// <param name="instanceId">The instance whose episode crashes.</param>
/// <param name="inputMark">Text in the input of the activity whose scheduling crashes.</param>
internal sealed class CrashAfterActivityMessagesOnce(AzureStorageOrchestrationService provider, string instanceId, string inputMark)
    : OrchestrationServiceDecorator(provider)
{
    private int crashed;

    /// <summary>Completed once the crashed episode's activity messages were sent.</summary>
    public TaskCompletionSource Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed by the test to let the crashed episode throw.</summary>
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
        if (workItem.InstanceId == instanceId
            && outboundMessages.Any(m => m.Event is TaskScheduledEvent { Input: { } input } && input.Contains(inputMark, StringComparison.Ordinal))
            && Interlocked.Exchange(ref crashed, 1) == 0)
        {
            await SendOutboundAsync(workItem.InstanceId, outboundMessages);
            Sent.TrySetResult();
            await Release.Task;
            throw new InvalidOperationException("Simulated crash after the episode's messages, before its history.");
        }

        await base.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    private async Task SendOutboundAsync(string id, IList<TaskMessage> outboundMessages)
    {
        const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;
        var sessions = typeof(AzureStorageOrchestrationService).GetField("orchestrationSessionManager", Private)?.GetValue(provider)
            ?? throw new InvalidOperationException("DurableTask.AzureStorage changed: no orchestrationSessionManager field.");
        object?[] lookup = [id, null];
        if (sessions.GetType().GetMethod("TryGetExistingSession")?.Invoke(sessions, lookup) is not true || lookup[1] is not { } session)
        {
            throw new InvalidOperationException("DurableTask.AzureStorage changed: no session found for " + id + ".");
        }

        var commit = typeof(AzureStorageOrchestrationService).GetMethod("CommitOutboundQueueMessages", Private)
            ?? throw new InvalidOperationException("DurableTask.AzureStorage changed: no CommitOutboundQueueMessages method.");
        await (Task)commit.Invoke(provider, [session, outboundMessages, new List<TaskMessage>(), new List<TaskMessage>(), null])!;
    }
}
