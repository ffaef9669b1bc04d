namespace OneWindow.DurableTask;

/// <summary>Adapts a delegate to <see cref="ITaskActivity"/>.</summary>
internal sealed class FuncTaskActivity<TInput, TOutput>(Func<TaskActivityContext, TInput?, Task<TOutput>> body) : TaskActivity<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(TaskActivityContext context, TInput? input) => body(context, input);
}
