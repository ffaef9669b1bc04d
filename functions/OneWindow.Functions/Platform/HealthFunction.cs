using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OneWindow.Hosting.Health;

namespace OneWindow.Functions.Platform;

/// <summary><c>GET /health</c>: every dependency's part (blob, queue, table, cosmos, durable), 200 or a 503 problem.</summary>
public sealed class HealthFunction(HealthCheckService health)
{
    [Function("Health")]
    [AllowAnonymous]
    public async Task RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var report = await health.CheckHealthAsync(cancellationToken);
        await HealthEndpoint.WriteAsync(req.HttpContext, report);
    }
}
