using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace OneWindow.Functions.Middleware;

/// <summary>
/// Worker middleware for HTTP-triggered functions only: every other invocation (queue, timer, activity, and in Azure each
/// orchestrator replay) passes straight through.
/// </summary>
public abstract class HttpFunctionMiddleware : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return FunctionTriggers.IsHttp(context) && context.GetHttpContext() is { } http ? InvokeAsync(context, http, next) : next(context);
    }

    /// <summary>Handles one HTTP invocation; calls <paramref name="next"/> to go on, or answers on <paramref name="http"/> instead.</summary>
    protected abstract Task InvokeAsync(FunctionContext context, HttpContext http, FunctionExecutionDelegate next);
}
