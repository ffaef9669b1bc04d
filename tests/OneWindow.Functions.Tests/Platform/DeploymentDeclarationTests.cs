using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using OneWindow.Hosting.Invocation;
using OneWindow.Hosting.Storage;
using OneWindow.Testing;
using Xunit;

namespace OneWindow.Functions.Tests.Platform;

/// <summary>
/// In Azure the app's identity may not create Cosmos DB containers (a data-plane role), so the Bicep deploys them from
/// infra/cosmos-containers.json: that list must be exactly what the app declares, names and partition keys.
/// </summary>
public sealed class DeploymentDeclarationTests
{
    [Fact]
    public void The_Bicep_deploys_exactly_the_Cosmos_containers_the_app_declares()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cosmos:Endpoint"] = "https://example.documents.azure.com:443/",
            ["Applications:DataKey"] = OneWindow.Functions.Applications.ApplicationsRegistration.DevelopmentDataKey,
        }).Build();
        var environment = new HostingEnvironment { EnvironmentName = Environments.Production, ApplicationName = "OneWindow.Functions", ContentRootPath = AppContext.BaseDirectory };
        new LocalWorkerApplicationBuilder(services).AddOneWindow(configuration, environment);
        var declared = ((StorageResources)services.Single(d => d.ServiceType == typeof(StorageResources)).ImplementationInstance!).CosmosContainers
            .Select(c => $"{c.Key} {c.Value}").Order(StringComparer.Ordinal).ToList();

        var deployed = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("infra", "cosmos-containers.json")))!.AsArray()
            .Select(c => $"{(string)c!["name"]!} {(string)c["partitionKey"]!}").Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(declared);
        Assert.Equal(declared, deployed);
    }
}
