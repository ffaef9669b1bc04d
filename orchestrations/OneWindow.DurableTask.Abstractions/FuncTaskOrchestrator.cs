namespace OneWindow.DurableTask;

/// <summary>Adapts a delegate to <see cref="ITaskOrchestrator"/>.</summary>
internal sealed class FuncTaskOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput?, Task<TOutput>> body) : TaskOrchestrator<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput? input) => body(context, input);
}
