namespace OneWindow.Testing;

/// <summary>How <see cref="PlatformInstance"/> starts the platform.</summary>
public sealed class PlatformOptions
{
    /// <summary>Start the provider sandbox too (default true).</summary>
    public bool StartSandbox { get; init; } = true;

    /// <summary>Extra or overriding environment variables for the functions host (configuration keys as <c>A__B</c>).</summary>
    public IDictionary<string, string?> HostEnvironment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Extra environment variables for the provider sandbox.</summary>
    public IDictionary<string, string?> SandboxEnvironment { get; init; } = new Dictionary<string, string?>();

    /// <summary>How long the host may take to become healthy.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);
}
