using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using OneWindow.Functions.Applications;

namespace OneWindow.Functions.Middleware;

/// <summary>
/// JWT validation and the role checks of <c>[Authorize]</c> for HTTP functions: the Functions host knows neither (its
/// function keys are not our callers' identity), so the worker does what ASP.NET Core's authorization middleware would.
/// Secure by default: a function without [Authorize] or [AllowAnonymous] needs an authenticated caller (API.md).
/// </summary>
public sealed class AuthorizationMiddleware(FunctionMethods methods, IAuthorizationPolicyProvider policies, IPolicyEvaluator evaluator) : HttpFunctionMiddleware
{
    // A function's attributes do not change while the app runs: its policy is combined once (as ASP.NET Core caches an endpoint's).
    private readonly ConcurrentDictionary<string, Task<AuthorizationPolicy>> combined = new(StringComparer.Ordinal);

    /// <inheritdoc />
    protected override async Task InvokeAsync(FunctionContext context, HttpContext http, FunctionExecutionDelegate next)
    {
        var policy = await PolicyOfAsync(context.FunctionDefinition);

        // Authenticated first even where anonymous callers are welcome: a function may still look at who is calling.
        var authentication = await evaluator.AuthenticateAsync(policy, http);
        if (methods.IsAnonymous(context.FunctionDefinition))
        {
            await next(context);
            return;
        }

        var authorization = await evaluator.AuthorizeAsync(policy, authentication, http, context);
        if (authorization.Challenged)
        {
            await http.ChallengeAsync();
            await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "A valid bearer token is required.", type: "https://onewindow.example/problems/unauthorized").ExecuteAsync(http);
        }
        else if (authorization.Forbidden)
        {
            await ApplicationHttp.Forbidden("The caller's roles do not allow this operation.").ExecuteAsync(http);
        }
        else
        {
            await next(context);
        }
    }

    private Task<AuthorizationPolicy> PolicyOfAsync(FunctionDefinition definition) => combined.GetOrAdd(definition.Id, async _ =>
    {
        var declared = await AuthorizationPolicy.CombineAsync(policies, methods.DeclaredOn(definition).OfType<IAuthorizeData>()) ?? await policies.GetDefaultPolicyAsync();

        // The scheme is named, so the evaluator authenticates the bearer token itself: under Azure's host no
        // authentication middleware ran before the worker (ASP.NET Core's WebApplication adds one by itself locally).
        return new AuthorizationPolicyBuilder(declared).AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).Build();
    });
}
