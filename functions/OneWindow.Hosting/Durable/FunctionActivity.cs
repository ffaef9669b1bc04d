using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Hosting.Discovery;

namespace OneWindow.Hosting.Durable;

/// <summary>Runs an <c>[ActivityTrigger]</c> function as a Microsoft.DurableTask <see cref="ITaskActivity"/>; the input is the trigger parameter.</summary>
/// <param name="function">The activity function.</param>
/// <param name="services">The root services; one scope per call.</param>
public sealed class FunctionActivity(FunctionDescriptor function, IServiceProvider services) : ITaskActivity
{
    /// <inheritdoc />
    public Type InputType => function.TriggerParameter.ParameterType == typeof(TaskActivityContext) ? typeof(object) : function.TriggerParameter.ParameterType;

    /// <inheritdoc />
    public Type OutputType => FunctionMethodRunner.ResultType(function.Method);

    /// <inheritdoc />
    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var scope = services.CreateAsyncScope();
        return await FunctionMethodRunner.RunAsync(
            function,
            scope.ServiceProvider,
            p => p.Position == function.TriggerParameter.Position ? (p.ParameterType == typeof(TaskActivityContext) ? context : input)
                : p.ParameterType == typeof(TaskActivityContext) ? context
                : p.ParameterType == typeof(CancellationToken) ? CancellationToken.None
                : scope.ServiceProvider.GetService(p.ParameterType),
            continueOnContext: false).ConfigureAwait(false);
    }
}
