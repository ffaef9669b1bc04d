namespace OneWindow.DurableTask.AzureStorage;

/// <summary>The activity context handed to activities run by <see cref="DurableTaskWorker"/>.</summary>
internal sealed class WorkerActivityContext(TaskName name, string instanceId, IServiceProvider? services) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;

    public override IServiceProvider? Services { get; } = services;
}
