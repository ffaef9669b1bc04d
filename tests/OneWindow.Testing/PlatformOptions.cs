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

    /// <summary>
    /// Sees every line each host process prints, with the host's label (<c>host-1</c>, <c>host-2</c>, ... in start order,
    /// restarts and additional hosts included). Called on the output reader threads.
    /// </summary>
    public Action<string, string>? HostOutput { get; init; }

    /// <summary>How long the host may take to become healthy.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);
}
