using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OneWindow.Hosting.Durable;
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
        endpoints.MapPost(route, async (HttpRequest request, DevelopmentClock clock, DevelopmentClockStore store, ILogger<DevelopmentClock> logger, CancellationToken cancellationToken) =>
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

            if (!DevelopmentClock.IsValidStep(step))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["advance"] = [$"Must be positive and at most {DevelopmentClock.MaxStep.TotalDays} days: the clock never goes back."] });
            }

            var offset = await store.AdvanceAsync(step, cancellationToken).ConfigureAwait(false);
            clock.MoveTo(offset);
            var told = await TellRunningInstancesAsync(request.HttpContext.RequestServices.GetService<DurableTaskClient>(), new ClockMoved(offset), logger, cancellationToken).ConfigureAwait(false);
            return Results.Ok(new { now = clock.GetUtcNow(), offset = XmlConvert.ToString(clock.Offset), instancesTold = told });
        }).AllowAnonymous().WithName("AdvanceDevelopmentClock").WithTags("Development").WithSummary("Moves the host's clock forward (Development only).");
    }

    /// <summary>Raises <see cref="ClockMoved"/> to every pending, running or suspended instance, so their deadline waits re-arm.</summary>
    private static async Task<int> TellRunningInstancesAsync(DurableTaskClient? durable, ClockMoved moved, ILogger logger, CancellationToken cancellationToken)
    {
        if (durable is null) return 0;
        var told = 0;
        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended], PageSize = 500 };
        await foreach (var instance in durable.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await durable.RaiseEventAsync(instance.InstanceId, ClockMoved.EventName, moved, cancellationToken).ConfigureAwait(false);
                told++;
            }
            catch (InstanceNotRunningException)
            {
                // Finished since the query: nothing left to re-arm.
            }
            catch (InstanceNotStartedException e)
            {
                logger.LogWarning("{InstanceId} has not started yet: not told the clock moved. {Message}", instance.InstanceId, e.Message);
            }
        }

        logger.LogInformation("Development clock moved to offset {Offset}; {Count} running instances told.", moved.Offset, told);
        return told;
    }
}
