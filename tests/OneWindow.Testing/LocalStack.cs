namespace OneWindow.Testing;

/// <summary>
/// The emulators a test needs: one shared Azurite and Cosmos server per test process (started on first use,
/// stopped when the process ends), or dedicated ones for tests that pause them. Fixtures isolate themselves
/// on the shared stack by names (<see cref="UniqueName"/>): task hub, database, containers, queues.
/// </summary>
public sealed class LocalStack : IAsyncDisposable
{
    private static readonly SemaphoreSlim SharedGate = new(1, 1);
    private static LocalStack? shared;

    private LocalStack(AzuriteEmulator azurite, CosmosEmulator cosmos)
    {
        Azurite = azurite;
        Cosmos = cosmos;
    }

    public AzuriteEmulator Azurite { get; }

    public CosmosEmulator Cosmos { get; }

    /// <summary>The stack shared by every test of this process.</summary>
    public static async Task<LocalStack> SharedAsync()
    {
        await SharedGate.WaitAsync();
        try
        {
            if (shared is null)
            {
                shared = await StartAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => shared.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            return shared;
        }
        finally
        {
            SharedGate.Release();
        }
    }

    /// <summary>A new stack of its own, for tests that pause or otherwise disturb an emulator.</summary>
    public static async Task<LocalStack> StartAsync()
    {
        var azurite = AzuriteEmulator.StartAsync();
        var cosmos = CosmosEmulator.StartAsync();
        await Task.WhenAll(azurite, cosmos);
        return new LocalStack(await azurite, await cosmos);
    }

    /// <summary>
    /// A name unique to this call, valid as a task hub, table prefix, queue prefix, container or database name
    /// (lower-case letters and digits, starts with a letter).
    /// </summary>
    public static string UniqueName(string prefix) =>
        (prefix + Guid.NewGuid().ToString("N")[..10]).ToLowerInvariant();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Azurite.DisposeAsync();
        await Cosmos.DisposeAsync();
    }
}
