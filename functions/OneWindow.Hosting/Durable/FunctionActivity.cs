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

        // Through the app's worker middleware, as an activity invocation is in Azure.
        var invoker = services.GetRequiredService<FunctionInvoker>();
        var trigger = function.TriggerParameter.ParameterType == typeof(TaskActivityContext) ? context : input;
        var binding = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["instanceId"] = context.InstanceId, ["name"] = context.Name.Name };
        return await invoker.InvokeAsync(function, trigger, binding, CancellationToken.None).ConfigureAwait(false);
    }
}
