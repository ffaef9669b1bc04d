using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OneWindow.Hosting.Http;

namespace OneWindow.Hosting.Time;

/// <summary><c>GET</c> and <c>POST /{prefix}/dev/clock</c>; mapped only in the Development environment.</summary>
public static class DevelopmentClockEndpoints
{
    /// <summary>Maps the clock routes (anonymous, like the development tokens).</summary>
    public static void MapDevelopmentClock(this IEndpointRouteBuilder endpoints, string routePrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var route = "/" + string.Join('/', new[] { routePrefix.Trim('/'), "dev/clock" }.Where(s => s.Length > 0));
        endpoints.MapGet(route, (DevelopmentClock clock) => Results.Ok(new { now = clock.GetUtcNow(), offset = XmlConvert.ToString(clock.Offset) }))
            .AllowAnonymous().WithName("DevelopmentClock").WithTags("Development").WithSummary("The host's clock (Development only).");
        endpoints.MapPost(route, async (HttpRequest request, DevelopmentClock clock, CancellationToken cancellationToken) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<DevelopmentClockRequest>(request, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }

            TimeSpan step;
            try
            {
                step = XmlConvert.ToTimeSpan(body!.Advance ?? string.Empty);
            }
            catch (FormatException)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["advance"] = ["An ISO 8601 duration such as P1D or PT30M is required."] });
            }

            if (step <= TimeSpan.Zero || step > DevelopmentClock.MaxStep)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["advance"] = [$"Must be positive and at most {DevelopmentClock.MaxStep.TotalDays} days: the clock never goes back."] });
            }

            var now = clock.Advance(step);
            return Results.Ok(new { now, offset = XmlConvert.ToString(clock.Offset) });
        }).AllowAnonymous().WithName("AdvanceDevelopmentClock").WithTags("Development").WithSummary("Moves the host's clock forward (Development only).");
    }
}
