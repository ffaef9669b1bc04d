using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace OneWindow.Hosting.Discovery;

/// <summary>Runs a non-HTTP function: creates its class in a fresh DI scope and binds parameters by type.</summary>
/// <param name="services">The root service provider; one scope is created per invocation.</param>
public sealed class FunctionInvoker(IServiceProvider services)
{
    /// <summary>
    /// Invokes <paramref name="function"/> with <paramref name="triggerValue"/> for its trigger parameter.
    /// Other parameters get, by type: values in <paramref name="extras"/>, the <see cref="CancellationToken"/>, or a scoped service.
    /// </summary>
    public async Task InvokeAsync(
        FunctionDescriptor function,
        object? triggerValue,
        IReadOnlyList<object> extras,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(extras);
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        await FunctionMethodRunner.RunAsync(
            function,
            provider,
            p => Bind(p, function, triggerValue, extras, provider, cancellationToken),
            continueOnContext: false).ConfigureAwait(false);
    }

    private static object? Bind(
        ParameterInfo parameter,
        FunctionDescriptor function,
        object? triggerValue,
        IReadOnlyList<object> extras,
        IServiceProvider provider,
        CancellationToken cancellationToken)
    {
        if (parameter.Position == function.TriggerParameter.Position)
        {
            return triggerValue;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return cancellationToken;
        }

        var extra = extras.FirstOrDefault(parameter.ParameterType.IsInstanceOfType);
        if (extra is not null)
        {
            return extra;
        }

        var service = provider.GetService(parameter.ParameterType);
        if (service is not null)
        {
            return service;
        }

        if (parameter.HasDefaultValue)
        {
            return parameter.DefaultValue;
        }

        throw new InvalidOperationException(
            $"Function '{function.Name}': cannot bind parameter '{parameter.Name}' of type {parameter.ParameterType.Name}; register it as a service.");
    }
}
