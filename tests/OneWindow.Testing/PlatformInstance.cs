using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OneWindow.Testing;

/// <summary>
/// The whole platform as real processes for end-to-end tests: its own Azurite and Cosmos server
/// (<see cref="LocalStack.StartAsync"/>), the provider sandbox and the functions host on free ports, configured the way
/// <c>scripts/run.sh</c> configures them. The host can be killed and restarted on the same stores.
/// </summary>
public sealed class PlatformInstance : IAsyncDisposable
{
    private readonly PlatformOptions options;
    private readonly Dictionary<string, string?> hostEnvironment;
    private readonly bool ownsStack;
    private readonly List<AdditionalHost> additionalHosts = [];
    private int hostsStarted;

    private PlatformInstance(LocalStack stack, bool ownsStack, PlatformOptions options, int hostPort, int sandboxPort)
    {
        Stack = stack;
        this.ownsStack = ownsStack;
        this.options = options;
        HostPort = hostPort;
        SandboxPort = sandboxPort;
        HostUrl = new Uri($"http://127.0.0.1:{hostPort.ToString(CultureInfo.InvariantCulture)}/");
        SandboxUrl = new Uri($"http://127.0.0.1:{sandboxPort.ToString(CultureInfo.InvariantCulture)}/");
        Database = LocalStack.UniqueName("db");
        TaskHub = LocalStack.UniqueName("hub");
        hostEnvironment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Storage"] = stack.Azurite.ConnectionString,
            ["ConnectionStrings__Cosmos"] = stack.Cosmos.ConnectionString,
            ["Cosmos__Database"] = Database,
            ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = TaskHub,
            // A failed queue message is tried again after 1 s (host.json: 30 s), so tests of retries do not wait.
            ["AzureFunctionsJobHost__extensions__queues__visibilityTimeout"] = "00:00:01",
            ["Providers__BaseUrl"] = SandboxUrl.ToString().TrimEnd('/'),
            ["Host__BaseUrl"] = HostUrl.ToString().TrimEnd('/'),
            ["Logging__Console__FormatterName"] = "simple",
        };
        foreach (var (key, value) in options.HostEnvironment)
        {
            hostEnvironment[key] = value;
        }

        Client = new HttpClient { BaseAddress = HostUrl, Timeout = TimeSpan.FromSeconds(60) };
        Sandbox = new HttpClient { BaseAddress = SandboxUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The emulators this platform uses.</summary>
    public LocalStack Stack { get; }

    /// <summary>The functions host process (null while stopped).</summary>
    public ChildProcess? Host { get; private set; }

    /// <summary>The provider sandbox process (null when not started).</summary>
    public ChildProcess? SandboxProcess { get; private set; }

    /// <summary>Port of the functions host.</summary>
    public int HostPort { get; }

    /// <summary>Port of the provider sandbox.</summary>
    public int SandboxPort { get; }

    /// <summary>Base URL of the functions host.</summary>
    public Uri HostUrl { get; }

    /// <summary>Base URL of the provider sandbox.</summary>
    public Uri SandboxUrl { get; }

    /// <summary>The Cosmos database this instance uses (unique).</summary>
    public string Database { get; }

    /// <summary>The durable task hub this instance uses (unique).</summary>
    public string TaskHub { get; }

    /// <summary>A client for the functions host.</summary>
    public HttpClient Client { get; }

    /// <summary>A client for the provider sandbox.</summary>
    public HttpClient Sandbox { get; }

    /// <summary>The environment the host is started with (for tests that start a second host on the same stores).</summary>
    public IReadOnlyDictionary<string, string?> HostEnvironment => hostEnvironment;

    /// <summary>Starts emulators (or uses <paramref name="stack"/>), the sandbox and the host, and waits for <c>/health</c>.</summary>
    public static async Task<PlatformInstance> StartAsync(PlatformOptions? options = null, LocalStack? stack = null)
    {
        options ??= new PlatformOptions();
        var ownsStack = stack is null;
        stack ??= await LocalStack.StartAsync().ConfigureAwait(false);
        var platform = new PlatformInstance(stack, ownsStack, options, FreePort.Next(), FreePort.Next());
        try
        {
            if (options.StartSandbox)
            {
                await platform.StartSandboxAsync().ConfigureAwait(false);
            }

            await platform.StartHostAsync().ConfigureAwait(false);
            return platform;
        }
        catch
        {
            await platform.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts the functions host and waits until <c>/health</c> answers 200.</summary>
    public async Task StartHostAsync()
    {
        if (Host is { HasExited: false })
        {
            throw new InvalidOperationException("The host is already running.");
        }

        Host = StartHostProcess("functions-host", HostUrl, hostEnvironment);
        await WaitHealthyAsync(Host, new Uri(HostUrl, "health"), options.StartTimeout).ConfigureAwait(false);
    }

    /// <summary>Sets (or, with null, removes) an environment variable of the host for its next start (a new version landing, say).</summary>
    public void SetHostEnvironment(string key, string? value) => hostEnvironment[key] = value;

    /// <summary>
    /// Starts another host process on the same stores and task hub (its own port and DTFx worker id), with
    /// <paramref name="environment"/> added to the host environment, and waits until it is healthy. The instance stops it on dispose.
    /// </summary>
    public async Task<AdditionalHost> StartAdditionalHostAsync(IReadOnlyDictionary<string, string?>? environment = null)
    {
        var port = FreePort.Next();
        var url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var merged = new Dictionary<string, string?>(hostEnvironment);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        var process = StartHostProcess("functions-host-" + port.ToString(CultureInfo.InvariantCulture), url, merged);
        var host = new AdditionalHost(process, url);
        lock (additionalHosts)
        {
            additionalHosts.Add(host);
        }

        await WaitHealthyAsync(process, new Uri(url, "health"), options.StartTimeout).ConfigureAwait(false);
        return host;
    }

    private ChildProcess StartHostProcess(string name, Uri url, IDictionary<string, string?> environment)
    {
        var dll = LocateApp("OneWindow.LocalHost");
        var label = "host-" + Interlocked.Increment(ref hostsStarted).ToString(CultureInfo.InvariantCulture);
        var observer = options.HostOutput;
        return ChildProcess.Start(name, "dotnet", [dll, "--urls", url.ToString().TrimEnd('/')], Path.GetDirectoryName(dll)!, environment,
            observer is null ? null : line => observer(label, line));
    }

    /// <summary>Kills the host with SIGKILL (no graceful shutdown), as a crash would.</summary>
    public async Task KillHostAsync()
    {
        if (Host is not null)
        {
            await Host.KillHardAsync().ConfigureAwait(false);
            await Host.DisposeAsync().ConfigureAwait(false);
            Host = null;
        }
    }

    /// <summary>Kills the host hard and starts it again on the same stores and task hub.</summary>
    public async Task RestartHostAsync()
    {
        await KillHostAsync().ConfigureAwait(false);
        await StartHostAsync().ConfigureAwait(false);
    }

    /// <summary>Gets a development token from <c>POST /api/dev/tokens</c>.</summary>
    public async Task<string> TokenAsync(string subject, string name, string[] roles, string? department = null)
    {
        using var response = await Client.PostAsJsonAsync("api/dev/tokens",
            new { subject, name, roles, department }).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /api/dev/tokens answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>A new client for the host that sends the given bearer token.</summary>
    public HttpClient ClientWithToken(string token)
    {
        var client = new HttpClient { BaseAddress = HostUrl, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Stops the host and the sandbox, and the emulators when this instance started them.</summary>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Sandbox.Dispose();
        if (Host is not null)
        {
            await Host.StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            await Host.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var extra in additionalHosts)
        {
            await extra.DisposeAsync().ConfigureAwait(false);
        }

        if (SandboxProcess is not null)
        {
            await SandboxProcess.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            await SandboxProcess.DisposeAsync().ConfigureAwait(false);
        }

        if (ownsStack)
        {
            await Stack.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task StartSandboxAsync()
    {
        var dll = LocateApp("OneWindow.ProviderSandbox");
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Host__BaseUrl"] = HostUrl.ToString().TrimEnd('/'),
        };
        foreach (var (key, value) in options.SandboxEnvironment)
        {
            environment[key] = value;
        }

        SandboxProcess = ChildProcess.Start("provider-sandbox", "dotnet",
            [dll, "--urls", SandboxUrl.ToString().TrimEnd('/')], Path.GetDirectoryName(dll)!, environment);
        await FreePort.WaitUntilListeningAsync(SandboxPort, options.StartTimeout, () => SandboxProcess.Tail()).ConfigureAwait(false);
    }

    private static async Task WaitHealthyAsync(ChildProcess process, Uri health, TimeSpan timeout)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.Name} exited with {process.ExitCode} during start-up:\n{process.Tail()}");
            }

            try
            {
                using var response = await probe.GetAsync(health).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException e)
            {
                last = e.Message;
            }

            await Task.Delay(250).ConfigureAwait(false);
        }

        throw new TimeoutException($"{process.Name} was not healthy at {health} within {timeout} (last: {last}):\n{process.Tail()}");
    }

    /// <summary>Finds an app's dll: beside the test assembly (project reference) or in the repository's build output.</summary>
    private static string LocateApp(string name)
    {
        var beside = Path.Combine(AppContext.BaseDirectory, name + ".dll");
        if (File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, name + ".runtimeconfig.json")))
        {
            return beside;
        }

        // Builds with --artifacts-path put each project in a sibling folder: <artifacts>/bin/<project>/<configuration>/.
        var configurationFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        if (configurationFolder.Parent?.Parent is { } artifactsBin)
        {
            var sibling = Path.Combine(artifactsBin.FullName, name, configurationFolder.Name, name + ".dll");
            if (File.Exists(sibling))
            {
                return sibling;
            }
        }

        foreach (var folder in new[] { "functions", "sandbox" })
        {
            foreach (var configuration in new[] { "Debug", "Release" })
            {
                var candidate = RepositoryPaths.Combine(folder, name, "bin", configuration, "net10.0", name + ".dll");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"{name}.dll not found beside the tests or under the repository's bin folders; build the solution first.");
    }
}

/// <summary>A second (or further) host process of a <see cref="PlatformInstance"/>: same stores and task hub, its own port.</summary>
public sealed class AdditionalHost : IAsyncDisposable
{
    internal AdditionalHost(ChildProcess process, Uri url)
    {
        Process = process;
        Url = url;
        Client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The host process.</summary>
    public ChildProcess Process { get; }

    /// <summary>Base URL of this host.</summary>
    public Uri Url { get; }

    /// <summary>A client for this host.</summary>
    public HttpClient Client { get; }

    /// <summary>Kills the host with SIGKILL, as a crash would.</summary>
    public Task KillAsync() => Process.KillHardAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Process.StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        await Process.DisposeAsync().ConfigureAwait(false);
    }
}
