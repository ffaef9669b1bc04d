using System.Diagnostics;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace OneWindow.Functions.Middleware;

/// <summary>
/// Continues the W3C trace a queue message carries (its top-level <c>traceparent</c>, written by the sender): the
/// queue function's work appears under the request that queued it. Azure's queue trigger does not read it for us.
/// </summary>
public sealed class QueueTraceMiddleware : IFunctionsWorkerMiddleware
{
    private static readonly ActivitySource Source = new("OneWindow.Functions");

    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!FunctionTriggers.IsQueue(context) || TraceparentOf(context) is not { } parent)
        {
            await next(context);
            return;
        }

        using var activity = Source.StartActivity("queue " + context.FunctionDefinition.Name, ActivityKind.Consumer, parent);
        await next(context);
    }

    /// <summary>The trace context in the message, when it has a valid one.</summary>
    public static ActivityContext? TraceparentOf(FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.BindingContext.BindingData.TryGetValue("QueueTrigger", out var raw) || raw is not string body || body.Length == 0 || body[0] != '{') return null;
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("traceparent", out var value) && value.ValueKind == JsonValueKind.String
                && ActivityContext.TryParse(value.GetString(), null, out var parent) ? parent : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
