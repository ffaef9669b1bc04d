using DurableTask.Core;
using DurableTask.Core.Entities;

namespace OneWindow.Hosting.Durable;

/// <summary>
/// An <see cref="IOrchestrationService"/> that forwards every member to another one, for decorators that change one step
/// of the provider (see <see cref="SubOrchestrationStartDedupe"/> and <see cref="StaleResponseFilter"/>). It is also an <see cref="IEntityOrchestrationService"/>
/// forwarding to the inner service, because DTFx's <see cref="TaskHubWorker"/> and its orchestration dispatcher probe the
/// service they are given with <c>as IEntityOrchestrationService</c> (entity back-end properties, separate entity queues):
/// the worker sees what it would see of the inner service. An inner service without entities answers <see langword="null"/>
/// properties, which DTFx reads as "no entity support".
/// </summary>
/// <param name="inner">The service every member is forwarded to.</param>
public abstract class OrchestrationServiceDecorator(IOrchestrationService inner) : IEntityOrchestrationService
{
    /// <summary>The decorated service.</summary>
    protected IOrchestrationService Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    private IEntityOrchestrationService? Entities => Inner as IEntityOrchestrationService;

    /// <inheritdoc />
    public int TaskOrchestrationDispatcherCount => Inner.TaskOrchestrationDispatcherCount;

    /// <inheritdoc />
    public int MaxConcurrentTaskOrchestrationWorkItems => Inner.MaxConcurrentTaskOrchestrationWorkItems;

    /// <inheritdoc />
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => Inner.EventBehaviourForContinueAsNew;

    /// <inheritdoc />
    public int TaskActivityDispatcherCount => Inner.TaskActivityDispatcherCount;

    /// <inheritdoc />
    public int MaxConcurrentTaskActivityWorkItems => Inner.MaxConcurrentTaskActivityWorkItems;

    /// <inheritdoc />
    public EntityBackendProperties? EntityBackendProperties => Entities?.EntityBackendProperties;

    /// <inheritdoc />
    public EntityBackendQueries? EntityBackendQueries => Entities?.EntityBackendQueries;

    /// <inheritdoc />
    public Task StartAsync() => Inner.StartAsync();

    /// <inheritdoc />
    public Task StopAsync() => Inner.StopAsync();

    /// <inheritdoc />
    public Task StopAsync(bool isForced) => Inner.StopAsync(isForced);

    /// <inheritdoc />
    public Task CreateAsync() => Inner.CreateAsync();

    /// <inheritdoc />
    public Task CreateAsync(bool recreateInstanceStore) => Inner.CreateAsync(recreateInstanceStore);

    /// <inheritdoc />
    public Task CreateIfNotExistsAsync() => Inner.CreateIfNotExistsAsync();

    /// <inheritdoc />
    public Task DeleteAsync() => Inner.DeleteAsync();

    /// <inheritdoc />
    public Task DeleteAsync(bool deleteInstanceStore) => Inner.DeleteAsync(deleteInstanceStore);

    /// <inheritdoc />
    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        Inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    /// <inheritdoc />
    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => Inner.GetDelayInSecondsAfterOnProcessException(exception);

    /// <inheritdoc />
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => Inner.GetDelayInSecondsAfterOnFetchException(exception);

    /// <inheritdoc />
    public virtual Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        Inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    /// <inheritdoc />
    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => Inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    /// <inheritdoc />
    public virtual Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState) =>
        Inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);

    /// <inheritdoc />
    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => Inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    /// <inheritdoc />
    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => Inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    /// <inheritdoc />
    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        Inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    /// <inheritdoc />
    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => Inner.RenewTaskActivityWorkItemLockAsync(workItem);

    /// <inheritdoc />
    public virtual Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        Inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);

    /// <inheritdoc />
    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => Inner.AbandonTaskActivityWorkItemAsync(workItem);

    /// <inheritdoc />
    public virtual Task<TaskOrchestrationWorkItem> LockNextOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        (Entities ?? throw new NotSupportedException("The decorated orchestration service has no entity support."))
            .LockNextOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    /// <inheritdoc />
    public Task<TaskOrchestrationWorkItem> LockNextEntityWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        (Entities ?? throw new NotSupportedException("The decorated orchestration service has no entity support."))
            .LockNextEntityWorkItemAsync(receiveTimeout, cancellationToken);
}
