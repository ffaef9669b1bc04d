using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using OneWindow.Hosting.Durable;

namespace OneWindow.Functions.Middleware;

/// <summary>
/// RFC 7807 answers for what an HTTP function throws: a client's bad request keeps its status (413 body too large,
/// malformed framing), an event for an orchestration that has not started yet is a 503 to retry, one for an ended or
/// unknown orchestration a 409 or 404; anything else is logged and answered 500 without internals.
/// </summary>
public sealed class ProblemMiddleware(ILogger<ProblemMiddleware> logger) : HttpFunctionMiddleware
{
    /// <inheritdoc />
    protected override async Task InvokeAsync(FunctionContext context, HttpContext http, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            var problem = ProblemOf(e);
            if (problem.Status >= 500 && e is not InstanceNotStartedException)
            {
                logger.LogError(e, "Function {Function} failed ({Method} {Path}).", context.FunctionDefinition.Name, http.Request.Method, http.Request.Path);
            }

            http.Response.Clear();
            if (e is InstanceNotStartedException) http.Response.Headers.RetryAfter = "2";
            await Results.Problem(statusCode: problem.Status, title: problem.Title, detail: problem.Detail).ExecuteAsync(http);
        }
    }

    private static (int Status, string Title, string Detail) ProblemOf(Exception e) => e switch
    {
        BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
            (bad.StatusCode, "Payload too large", "The request body is larger than this API accepts."),
        BadHttpRequestException bad => (bad.StatusCode, "Bad request", "The request could not be read."),
        InstanceNotStartedException s =>
            (StatusCodes.Status503ServiceUnavailable, "Not started yet", $"The case's orchestration has not started yet ({s.InstanceId}); nothing was changed. Retry in a few seconds."),
        InstanceNotRunningException r =>
            (StatusCodes.Status409Conflict, "Workflow ended", $"The case's orchestration {r.InstanceId} is {r.Status}; it takes no more events."),
        InstanceNotFoundException f => (StatusCodes.Status404NotFound, "No workflow", $"No orchestration {f.InstanceId} exists for this case."),
        _ => (StatusCodes.Status500InternalServerError, "Internal error", "The request failed on the server; it has been logged."),
    };
}
