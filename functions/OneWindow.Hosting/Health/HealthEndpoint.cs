using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OneWindow.Hosting.Health;

/// <summary>
/// <c>GET /health</c> (API.md): 200 when blob, queue, table and Cosmos answer, otherwise 503 as a problem naming the
/// failing parts. Each part has a few seconds: a paused emulator makes its part fail, it does not hang the probe.
/// </summary>
public static class HealthEndpoint
{
    /// <summary>How long one part may take before it counts as failing.</summary>
    public static readonly TimeSpan PartTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Registers the checks of every part the host talks to.</summary>
    public static IServiceCollection AddPlatformHealthChecks(this IServiceCollection services, bool cosmos)
    {
        var checks = services.AddHealthChecks();
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            checks.Add(new HealthCheckRegistration(
                service,
                sp => new StorageHealthCheck(sp.GetRequiredService<BlobServiceClient>(), sp.GetRequiredService<QueueServiceClient>(), sp.GetRequiredService<TableServiceClient>(), service),
                HealthStatus.Unhealthy,
                ["storage"],
                PartTimeout));
        }

        if (cosmos)
        {
            checks.Add(new HealthCheckRegistration("cosmos", sp => new CosmosHealthCheck(sp.GetRequiredService<CosmosClient>()), HealthStatus.Unhealthy, ["cosmos"], PartTimeout));
        }

        return services;
    }

    /// <summary>Writes <paramref name="report"/>: 200 with every part, or a 503 problem naming the failing parts.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        var parts = report.Entries.ToDictionary(
            e => e.Key,
            e => new { status = e.Value.Status.ToString().ToLowerInvariant(), durationMs = (int)e.Value.Duration.TotalMilliseconds, error = Describe(e.Value) });
        context.Response.Headers.CacheControl = "no-store";
        if (report.Status == HealthStatus.Unhealthy)
        {
            var failing = report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Key).ToList();
            context.Response.ContentType = "application/problem+json";
            return context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
                title = "Service Unavailable",
                status = 503,
                detail = $"Not answering: {string.Join(", ", failing)}.",
                failing,
                parts,
            }));
        }

        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = "healthy", parts }));
    }

    // Exception types and timeouts only: messages of storage errors can carry URLs with signatures.
    private static string? Describe(HealthReportEntry entry) => entry.Status == HealthStatus.Healthy
        ? null
        : entry.Exception switch
        {
            null => entry.Description ?? "failed",
            OperationCanceledException => $"no answer within {PartTimeout.TotalSeconds:0} s",
            var e => e.GetType().Name,
        };
}
