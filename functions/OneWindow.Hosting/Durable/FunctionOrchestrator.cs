using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Hosting.Discovery;

namespace OneWindow.Hosting.Durable;

/// <summary>Runs an <c>[OrchestrationTrigger]</c> function as a Microsoft.DurableTask <see cref="ITaskOrchestrator"/>.</summary>
/// <param name="function">The orchestration function.</param>
/// <param name="services">The root services; the function's class is created from them per execution.</param>
public sealed class FunctionOrchestrator(FunctionDescriptor function, IServiceProvider services) : ITaskOrchestrator
{
    private readonly Lazy<System.Reflection.ParameterInfo?> input = new(() =>
        FunctionMethodRunner.InputParameter(function, t => t == typeof(TaskOrchestrationContext) || services.GetService<IServiceProviderIsService>()?.IsService(t) == true));

    /// <inheritdoc />
    public Type InputType => input.Value?.ParameterType ?? typeof(object);

    /// <inheritdoc />
    public Type OutputType => FunctionMethodRunner.ResultType(function.Method);

    /// <inheritdoc />
    public async Task<object?> RunAsync(TaskOrchestrationContext context, object? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var scope = services.CreateAsyncScope();
        var inputParameter = this.input.Value;
        return await FunctionMethodRunner.RunAsync(
            function,
            scope.ServiceProvider,
            p => p.Position == function.TriggerParameter.Position ? context
                : p.Position == inputParameter?.Position ? input
                : p.ParameterType == typeof(CancellationToken) ? CancellationToken.None
                : scope.ServiceProvider.GetService(p.ParameterType),
            continueOnContext: true).ConfigureAwait(true);
    }
}
