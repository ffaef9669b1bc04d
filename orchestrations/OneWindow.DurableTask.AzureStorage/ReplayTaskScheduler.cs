namespace OneWindow.DurableTask.AzureStorage;

/// <summary>Runs an orchestrator's continuations one at a time on the replaying thread, so replay is deterministic.</summary>
internal sealed class ReplayTaskScheduler : TaskScheduler
{
    private readonly Queue<Task> _queue = new();

    public override int MaximumConcurrencyLevel => 1;

    public void RunUntilIdle()
    {
        while (_queue.TryDequeue(out var task))
        {
            TryExecuteTask(task);
        }
    }

    protected override void QueueTask(Task task) => _queue.Enqueue(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();
}
