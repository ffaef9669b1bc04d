using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Catalog;
using OneWindow.Functions.Catalog;

namespace OneWindow.Functions.Seed;

/// <summary>
/// Seeds the demo county into the catalog container (created by the host's provisioning) (idempotent: a rerun writes nothing,
/// so restarting the host never makes new versions). Runs before the host starts listening.
/// </summary>
public sealed class CatalogSeedService(ICatalogStore store, CatalogSeedOptions options, IHostEnvironment environment, ILogger<CatalogSeedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!(options.SeedDemoCounty ?? environment.IsDevelopment())) return;
        var written = await new CatalogSeeder(store).SeedAsync(DemoCounty.Create(options.SandboxBaseUrl), cancellationToken);
        logger.LogInformation("Demo county seeded: {Written} documents written", written);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
