namespace OneWindow.Testing;

/// <summary>A real Azurite process (Blob, Queue, Table) on free loopback ports, from the repo's node_modules.</summary>
public sealed class AzuriteEmulator : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account key (public, not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private AzuriteEmulator(ChildProcess process, int blobPort, int queuePort, int tablePort)
    {
        Process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>The node process, for pausing (SIGSTOP) in outage tests.</summary>
    public ChildProcess Process { get; }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>A storage connection string for this instance.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>Starts Azurite in memory on free ports and waits until all three services answer.</summary>
    public static async Task<AzuriteEmulator> StartAsync()
    {
        var (blob, queue, table) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var script = RepositoryPaths.Combine("node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed at {script}: run the README's test command (it runs npm ci).");
        }

        var process = ChildProcess.StartNode("azurite", script,
        [
            "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
        ]);
        try
        {
            foreach (var port in new[] { blob, queue, table })
            {
                await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60), () => process.Tail());
            }
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new AzuriteEmulator(process, blob, queue, table);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
