using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;

namespace OneWindow.Hosting.Discovery;

/// <summary>Calls a function method (HTTP, queue, timer, orchestration, activity) and unwraps its Task/ValueTask result.</summary>
internal static class FunctionMethodRunner
{
    public static Type ResultType(MethodInfo method)
    {
        var type = method.ReturnType;
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            return type.GetGenericArguments()[0];
        }

        return type == typeof(void) || type == typeof(Task) || type == typeof(ValueTask) ? typeof(object) : type;
    }

    /// <summary>The input parameter: the first parameter besides the trigger that is not a service, token or context.</summary>
    public static ParameterInfo? InputParameter(FunctionDescriptor function, Func<Type, bool> isService) =>
        function.Method.GetParameters().FirstOrDefault(p =>
            p.Position != function.TriggerParameter.Position
            && p.ParameterType != typeof(CancellationToken)
            && !isService(p.ParameterType));

    /// <summary>Creates the function's class in <paramref name="provider"/>, invokes it, and disposes the instance.</summary>
    public static async Task<object?> RunAsync(FunctionDescriptor function, IServiceProvider provider, Func<ParameterInfo, object?> bind, bool continueOnContext)
    {
        var instance = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(provider, function.DeclaringType);
        try
        {
            return await InvokeAsync(function, instance, function.Method.GetParameters().Select(bind).ToArray(), continueOnContext).ConfigureAwait(continueOnContext);
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(continueOnContext);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    /// <summary>Invokes the method on <paramref name="instance"/>, rethrowing the function's own exception, and awaits its result.</summary>
    private static async Task<object?> InvokeAsync(FunctionDescriptor function, object? instance, object?[] arguments, bool continueOnContext)
    {
        object? result;
        try
        {
            result = function.Method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }

        switch (result)
        {
            case Task task:
                // Orchestrations must resume on the replay scheduler; other functions need not.
                await task.ConfigureAwait(continueOnContext);
                return function.Method.ReturnType.IsGenericType
                    ? function.Method.ReturnType.GetProperty(nameof(Task<object>.Result))!.GetValue(task)
                    : null;
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(continueOnContext);
                return null;
            default:
                if (result is not null && result.GetType().IsGenericType && result.GetType().GetGenericTypeDefinition() == typeof(ValueTask<>))
                {
                    var asTask = (Task)result.GetType().GetMethod("AsTask")!.Invoke(result, null)!;
                    await asTask.ConfigureAwait(continueOnContext);
                    return asTask.GetType().GetProperty("Result")!.GetValue(asTask);
                }

                return result;
        }
    }
}
