using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Hosting.Invocation;

namespace OneWindow.Hosting.Discovery;

/// <summary>
/// Runs a non-HTTP function through the app's worker middleware: a fresh DI scope, a <see cref="LocalFunctionContext"/>
/// with the trigger's binding data, then the method with its parameters bound as the worker binds them.
/// </summary>
/// <param name="services">The root service provider; one scope is created per invocation.</param>
public sealed class FunctionInvoker(IServiceProvider services)
{
    private readonly ConcurrentDictionary<FunctionDescriptor, LocalFunctionDefinition> definitions = new();

    /// <summary>
    /// Invokes <paramref name="function"/> with <paramref name="triggerValue"/> for its trigger parameter and
    /// <paramref name="bindingData"/> as its trigger metadata. Other parameters get: the <see cref="FunctionContext"/>,
    /// the <see cref="CancellationToken"/>, a <c>[DurableClient]</c> client, or a binding-data value of the same name.
    /// </summary>
    public async Task<object?> InvokeAsync(
        FunctionDescriptor function,
        object? triggerValue,
        IReadOnlyDictionary<string, object?> bindingData,
        CancellationToken cancellationToken,
        int retryCount = 0,
        int maxRetryCount = 0)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(bindingData);
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var definition = definitions.GetOrAdd(function, f => new LocalFunctionDefinition(f));
        var context = new LocalFunctionContext(definition, provider, bindingData, cancellationToken, retryCount, maxRetryCount);
        var pipeline = provider.GetRequiredService<FunctionPipeline>();
        return await pipeline.InvokeAsync(context, c => FunctionMethodRunner.RunAsync(
            function,
            c.InstanceServices,
            p => Bind(p, function, triggerValue, c, cancellationToken),
            continueOnContext: false)).ConfigureAwait(false);
    }

    private static object? Bind(ParameterInfo parameter, FunctionDescriptor function, object? triggerValue, LocalFunctionContext context, CancellationToken cancellationToken)
    {
        if (parameter.Position == function.TriggerParameter.Position) return triggerValue;
        if (TryBindInvocation(parameter, context, cancellationToken, out var bound)) return bound;
        if (parameter.Name is not null && context.BindingContext.BindingData.TryGetValue(parameter.Name, out var value)
            && (value is null || parameter.ParameterType.IsInstanceOfType(value)))
        {
            return value;
        }

        if (parameter.HasDefaultValue) return parameter.DefaultValue;
        throw new InvalidOperationException(
            $"Function '{function.Name}': cannot bind parameter '{parameter.Name}' of type {parameter.ParameterType.Name}; the worker binds only triggers, bindings, binding data, FunctionContext and CancellationToken.");
    }

    /// <summary>
    /// What every trigger binds alike: the <see cref="CancellationToken"/>, the <see cref="FunctionContext"/> and a
    /// <c>[DurableClient]</c> client (from the invocation's services).
    /// </summary>
    internal static bool TryBindInvocation(ParameterInfo parameter, LocalFunctionContext context, CancellationToken cancellationToken, out object? value)
    {
        value = parameter.ParameterType == typeof(CancellationToken) ? cancellationToken
            : parameter.ParameterType == typeof(FunctionContext) ? context
            : parameter.IsDefined(typeof(DurableClientAttribute), false) ? context.InstanceServices.GetRequiredService(parameter.ParameterType)
            : null;
        return value is not null;
    }
}
