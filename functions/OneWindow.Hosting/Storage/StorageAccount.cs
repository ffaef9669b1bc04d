using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using DurableTask.AzureStorage;

namespace OneWindow.Hosting.Storage;

/// <summary>
/// The storage account the host runs on: a connection string locally (Azurite's well-known one), or an account name
/// and managed identity in Azure (<c>AzureWebJobsStorage__accountName</c>, <c>__clientId</c>, as the Bicep sets them),
/// so no account key ever reaches the app.
/// </summary>
public sealed class StorageAccount
{
    private StorageAccount(string? connectionString, string? accountName, TokenCredential? credential)
    {
        ConnectionString = connectionString;
        AccountName = accountName;
        Credential = credential;
    }

    /// <summary>The connection string, when the account is reached with one.</summary>
    public string? ConnectionString { get; }

    /// <summary>The account name, when the account is reached with a managed identity.</summary>
    public string? AccountName { get; }

    /// <summary>The credential used with <see cref="AccountName"/>.</summary>
    public TokenCredential? Credential { get; }

    /// <summary>
    /// Reads <c>ConnectionStrings:Storage</c>, then <c>AzureWebJobsStorage</c> (a connection string), then
    /// <c>AzureWebJobsStorage:accountName</c> (managed identity, optional <c>clientId</c>); development storage otherwise.
    /// </summary>
    public static StorageAccount FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connection = configuration["ConnectionStrings:Storage"];
        if (string.IsNullOrEmpty(connection))
        {
            connection = configuration["AzureWebJobsStorage"];
        }

        if (!string.IsNullOrEmpty(connection))
        {
            return new StorageAccount(connection, null, null);
        }

        var accountName = configuration["AzureWebJobsStorage:accountName"];
        if (!string.IsNullOrEmpty(accountName))
        {
            var clientId = configuration["AzureWebJobsStorage:clientId"];
            var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = string.IsNullOrEmpty(clientId) ? null : clientId });
            return new StorageAccount(null, accountName, credential);
        }

        return new StorageAccount("UseDevelopmentStorage=true", null, null);
    }

    /// <summary>A client for the Blob service.</summary>
    public BlobServiceClient CreateBlobServiceClient() =>
        ConnectionString is not null ? new BlobServiceClient(ConnectionString) : new BlobServiceClient(ServiceUri("blob"), Credential);

    /// <summary>A client for the Queue service.</summary>
    public QueueServiceClient CreateQueueServiceClient() =>
        ConnectionString is not null ? new QueueServiceClient(ConnectionString) : new QueueServiceClient(ServiceUri("queue"), Credential);

    /// <summary>A client for the Table service.</summary>
    public TableServiceClient CreateTableServiceClient() =>
        ConnectionString is not null ? new TableServiceClient(ConnectionString) : new TableServiceClient(ServiceUri("table"), Credential);

    /// <summary>The durable engine's view of this account: the connection string, or the three service URIs with the managed identity.</summary>
    public StorageAccountClientProvider CreateDurableClientProvider() =>
        ConnectionString is not null
            ? new StorageAccountClientProvider(ConnectionString)
            : new StorageAccountClientProvider(ServiceUri("blob"), ServiceUri("queue"), ServiceUri("table"), Credential!);

    private Uri ServiceUri(string service) => new($"https://{AccountName}.{service}.core.windows.net/");
}
