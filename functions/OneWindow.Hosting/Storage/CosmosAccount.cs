using Azure.Identity;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;

namespace OneWindow.Hosting.Storage;

/// <summary>Creates the one <see cref="CosmosClient"/> of the host from configuration.</summary>
public static class CosmosAccount
{
    /// <summary>
    /// <c>ConnectionStrings:Cosmos</c> (the local server, Gateway mode limited to its endpoint, as BRIEF D4 needs), or
    /// <c>Cosmos:Endpoint</c> with a managed identity in Azure; null when neither is configured.
    /// Documents are camelCase, like the HTTP API.
    /// </summary>
    public static CosmosClient? CreateClient(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            SerializerOptions = new CosmosSerializationOptions { PropertyNamingPolicy = CosmosPropertyNamingPolicy.CamelCase },
        };
        var connection = configuration.GetConnectionString("Cosmos");
        if (!string.IsNullOrEmpty(connection))
        {
            return new CosmosClient(connection, options);
        }

        var endpoint = configuration["Cosmos:Endpoint"];
        if (string.IsNullOrEmpty(endpoint))
        {
            return null;
        }

        var clientId = configuration["AzureWebJobsStorage:clientId"] ?? configuration["AZURE_CLIENT_ID"];
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = string.IsNullOrEmpty(clientId) ? null : clientId });
        return new CosmosClient(endpoint, credential, options);
    }

    /// <summary>The database name: <c>Cosmos:Database</c>, default <c>onewindow</c>.</summary>
    public static string DatabaseName(IConfiguration configuration) => configuration?["Cosmos:Database"] ?? "onewindow";
}
