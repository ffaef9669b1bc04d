using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using OneWindow.Hosting.Http;

namespace OneWindow.Functions.Middleware;

/// <summary>
/// The security headers of every HTTP answer (<see cref="SecurityHeaders"/>), set when the answer starts so that error
/// answers (<see cref="ProblemMiddleware"/> clears the response) carry them too. Kestrel's <c>Server</c> header is
/// switched off in <see cref="OneWindowApp.AddOneWindow"/>.
/// </summary>
public sealed class SecurityHeadersMiddleware : HttpFunctionMiddleware
{
    /// <inheritdoc />
    protected override Task InvokeAsync(FunctionContext context, HttpContext http, FunctionExecutionDelegate next)
    {
        SecurityHeaders.AddOnStarting(http.Response);
        return next(context);
    }
}
