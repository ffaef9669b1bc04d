using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace OneWindow.Hosting.Tests.Invocation;

/// <summary>Functions and middleware the pipeline tests run.</summary>
public sealed class PipelineSamples
{
    [Function("Echo")]
    public IResult Echo([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "echo/{word}")] HttpRequest req, string word) => Results.Text(word);

    [Function("Work")]
    public void Work([QueueTrigger("work")] string message) => _ = message;
}

/// <summary>What the pipeline tests' middleware write down, in order.</summary>
public sealed class Trail : List<string>;

/// <summary>Records the order middleware ran in and what it could see of the invocation.</summary>
public sealed class RecordingMiddleware(Trail trail) : IFunctionsWorkerMiddleware
{
    private const string Name = "outer";

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = context.GetHttpContext();
        var bindings = string.Join(",", context.FunctionDefinition.InputBindings.Values.Select(b => b.Type));
        trail.Add($"{Name}>{context.FunctionDefinition.Name} {bindings} http={(http is null ? "none" : http.Request.Path.Value)} data={string.Join(",", context.BindingContext.BindingData.Keys.Order(StringComparer.Ordinal))}");
        await next(context);
        trail.Add($"<{Name}");
    }
}

/// <summary>Answers HTTP requests itself (as the auth middleware does for a 401) without reaching the function.</summary>
public sealed class RefusingMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http)
        {
            await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized").ExecuteAsync(http);
            return;
        }

        await next(context);
    }
}
