using System.Xml;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OneWindow.Functions.Applications;
using OneWindow.Hosting.Http;
using OneWindow.Hosting.Identity;
using OneWindow.Hosting.Time;

namespace OneWindow.Functions.Platform;

/// <summary>
/// Development-only routes: tokens from the development issuer and the development clock. They are compiled into the
/// app like every function, but outside the Development environment their services are not registered and they answer
/// 404 (Azure runs Production; the Bicep also disables them by app setting). Moving the clock moves it for good, for
/// every host of the task hub, so it needs an admin token.
/// </summary>
public sealed class DevelopmentFunctions(IServiceProvider services, IHostEnvironment environment, ILogger<DevelopmentFunctions> logger)
{
    [Function("DevelopmentToken")]
    [AllowAnonymous]
    public async Task<IResult> IssueTokenAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dev/tokens")] HttpRequest req, CancellationToken cancellationToken)
    {
        if (DevelopmentService<DevelopmentTokenIssuer>() is not { } issuer) return NotHere();
        var (body, problem) = await JsonBody.ReadAsync<DevelopmentTokenRequest>(req, cancellationToken);
        if (problem is not null) return problem;
        var errors = DevelopmentTokenIssuer.Validate(body!);
        return errors.Count > 0
            ? Results.ValidationProblem(errors, title: "The token request is invalid.")
            : Results.Ok(new { token = issuer.Issue(body!) });
    }

    [Function("DevelopmentClock")]
    [AllowAnonymous]
    public IResult GetClock([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/dev/clock")] HttpRequest req) =>
        DevelopmentService<DevelopmentClock>() is { } clock
            ? Results.Ok(new { now = clock.GetUtcNow(), offset = XmlConvert.ToString(clock.Offset) })
            : NotHere();

    [Function("AdvanceDevelopmentClock")]
    [Authorize(Roles = PlatformRoles.Admin)]
    public async Task<IResult> AdvanceClockAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dev/clock")] HttpRequest req, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (DevelopmentService<DevelopmentClock>() is not { } clock || DevelopmentService<DevelopmentClockStore>() is not { } store) return NotHere();
        var (body, problem) = await JsonBody.ReadAsync<DevelopmentClockRequest>(req, cancellationToken);
        if (problem is not null) return problem;
        TimeSpan step;
        try
        {
            step = XmlConvert.ToTimeSpan(body!.Advance ?? string.Empty);
        }
        catch (FormatException)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["advance"] = ["An ISO 8601 duration such as P1D or PT30M is required."] });
        }

        if (!DevelopmentClock.IsValidStep(step))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["advance"] = [$"Must be positive and at most {DevelopmentClock.MaxStep.TotalDays} days: the clock never goes back."] });
        }

        var offset = await store.AdvanceAsync(step, cancellationToken);
        clock.MoveTo(offset);
        var told = await ClockMovedBroadcast.SendAsync(durable, new ClockMoved(offset), logger, cancellationToken);
        return Results.Ok(new { now = clock.GetUtcNow(), offset = XmlConvert.ToString(clock.Offset), instancesTold = told });
    }

    private T? DevelopmentService<T>() where T : class => environment.IsDevelopment() ? services.GetService<T>() : null;

    private static IResult NotHere() => ApplicationHttp.NotFound("Development routes exist only in the Development environment.");
}
