using System.Net;
using Microsoft.Azure.Cosmos;
using OneWindow.Testing;
using Xunit;

namespace OneWindow.Functions.Tests.Hardening;

/// <summary>
/// A platform of its own for the input-hardening tests (issue 15): nothing else writes to its stores, so a snapshot of
/// every Cosmos container before and after shows whether a request stored anything.
/// </summary>
public sealed class HardeningFixture : IAsyncLifetime
{
    public const string Item = "individual-business-registration";

    public PlatformInstance Platform { get; private set; } = null!;

    public CosmosClient Cosmos { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Rate limits off: the fuzz test sends hundreds of bodies a second with one token (the limits have tests of their own).
        Platform = await PlatformInstance.StartAsync(new PlatformOptions { StartSandbox = false, HostEnvironment = { ["RateLimiting__Enabled"] = "false" } });
        Cosmos = Platform.Stack.Cosmos.CreateClient();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while ((await Platform.Client.GetAsync("api/catalog/packages")).Content.Headers.ContentLength is null or < 10
               || (await Platform.Client.GetAsync("api/catalog/items/" + Item)).StatusCode != HttpStatusCode.OK)
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException("The demo county was not seeded within 90 s.");
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        Cosmos?.Dispose();
        await Platform.DisposeAsync();
    }

    public async Task<HttpClient> ClientAsync(string role, string? department = null) =>
        Platform.ClientWithToken(await Platform.TokenAsync("hardening-" + role, "测试" + role, [role], department));

    /// <summary>Every document of every container: id → ETag, so any create, replace or delete shows.</summary>
    public async Task<SortedDictionary<string, string>> SnapshotAsync()
    {
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var database = Cosmos.GetDatabase(Platform.Database);
        using var containers = database.GetContainerQueryIterator<ContainerProperties>();
        while (containers.HasMoreResults)
        {
            foreach (var container in await containers.ReadNextAsync())
            {
                // A read feed (no query text): the local Cosmos DB server answers it across partitions.
                using var documents = database.GetContainer(container.Id).GetItemQueryStreamIterator((string?)null);
                while (documents.HasMoreResults)
                {
                    using var page = await documents.ReadNextAsync();
                    page.EnsureSuccessStatusCode();
                    var json = await System.Text.Json.Nodes.JsonNode.ParseAsync(page.Content);
                    foreach (var document in json!["Documents"]!.AsArray())
                    {
                        snapshot[$"{container.Id}/{document!["id"]}"] = document["_etag"]?.ToString() ?? document.ToJsonString();
                    }
                }
            }
        }

        return snapshot;
    }
}

[CollectionDefinition(Name)]
public sealed class HardeningCollection : ICollectionFixture<HardeningFixture>
{
    public const string Name = "hardening";
}
