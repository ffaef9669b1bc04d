using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;

namespace OneWindow.Functions.Middleware;

/// <summary>
/// The request body limit (host.json <c>extensions:http:maxRequestBodySize</c>, 1 MiB): a declared length above it is a
/// 413 before the function runs; a body without a length is cut at the limit while read (the read throws, and
/// <see cref="ProblemMiddleware"/> answers 413). Azure's host allows far more, so the worker enforces ours.
/// </summary>
public sealed class RequestBodyLimitMiddleware(IConfiguration configuration) : HttpFunctionMiddleware
{
    private readonly long limit = long.TryParse(configuration["extensions:http:maxRequestBodySize"], out var bytes) && bytes > 0 ? bytes : 1_048_576;

    /// <inheritdoc />
    protected override async Task InvokeAsync(FunctionContext context, HttpContext http, FunctionExecutionDelegate next)
    {
        if (http.Request.ContentLength > limit)
        {
            await Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large",
                detail: $"The request body is {http.Request.ContentLength} bytes; at most {limit} are accepted.").ExecuteAsync(http);
            return;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size && (size.MaxRequestBodySize is null || size.MaxRequestBodySize > limit))
        {
            size.MaxRequestBodySize = limit;
        }

        await next(context);
    }
}
