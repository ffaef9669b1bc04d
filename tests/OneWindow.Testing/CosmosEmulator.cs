using Microsoft.Azure.Cosmos;

namespace OneWindow.Testing;

/// <summary>
/// A real <c>@vercel/cosmosdb-server</c> process without TLS on a free loopback port. It keeps data in memory:
/// never kill it in a test that expects data to survive; pause it (SIGSTOP) to simulate an outage.
/// </summary>
public sealed class CosmosEmulator : IAsyncDisposable
{
    /// <summary>The Cosmos DB emulator's well-known key (public, not a secret); the server accepts any key.</summary>
    public const string AccountKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private CosmosEmulator(ChildProcess process, int port)
    {
        Process = process;
        Port = port;
    }

    /// <summary>The node process, for pausing (SIGSTOP) in outage tests.</summary>
    public ChildProcess Process { get; }

    public int Port { get; }

    /// <summary>The account endpoint.</summary>
    public string Endpoint => $"http://127.0.0.1:{Port}/";

    /// <summary>A Cosmos connection string for this instance.</summary>
    public string ConnectionString => $"AccountEndpoint={Endpoint};AccountKey={AccountKey};";

    /// <summary>Starts the server on a free port and waits until it answers.</summary>
    public static async Task<CosmosEmulator> StartAsync()
    {
        var port = FreePort.Next();
        var script = RepositoryPaths.Combine("node_modules", "@vercel", "cosmosdb-server", "lib", "cli.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"The Cosmos DB server is not installed at {script}: run the README's test command (it runs npm ci).");
        }

        var process = ChildProcess.StartNode("cosmosdb-server", script,
            ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--host", "127.0.0.1", "--no-ssl"]);
        try
        {
            await process.WaitForOutputAsync("Ready to accept", TimeSpan.FromSeconds(60));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new CosmosEmulator(process, port);
    }

    /// <summary>A client configured the way the server needs: Gateway mode, limited to its endpoint.</summary>
    public CosmosClient CreateClient() => new(Endpoint, AccountKey, new CosmosClientOptions
    {
        ConnectionMode = ConnectionMode.Gateway,
        LimitToEndpoint = true,
        SerializerOptions = new CosmosSerializationOptions { PropertyNamingPolicy = CosmosPropertyNamingPolicy.CamelCase },
    });

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
