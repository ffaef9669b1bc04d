using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace OneWindow.Hosting.Invocation;

/// <summary>The worker middleware of the app, composed, ending in the function: what the local host runs for every invocation.</summary>
public sealed class FunctionPipeline
{
    private readonly FunctionExecutionDelegate run;

    internal FunctionPipeline(FunctionExecutionDelegate run, int middlewareCount)
    {
        this.run = run;
        MiddlewareCount = middlewareCount;
    }

    /// <summary>How many middleware steps come before the function.</summary>
    public int MiddlewareCount { get; }

    /// <summary>Runs the middleware and, unless one of them answered, <paramref name="function"/>; returns what the function returned.</summary>
    public async Task<object?> InvokeAsync(LocalFunctionContext context, Func<LocalFunctionContext, Task<object?>> function)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Function = function;
        await run(context).ConfigureAwait(false);
        return context.Result;
    }

    internal static async Task RunFunctionAsync(FunctionContext context)
    {
        var local = (LocalFunctionContext)context;
        local.FunctionRan = true;
        local.Result = await local.Function!(local).ConfigureAwait(false);
    }
}
