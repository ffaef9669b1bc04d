using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace OneWindow.ProviderSandbox.Tests;

/// <summary>The sandbox in memory, with a fixed fault seed and a OneWindow base URL chosen by the test.</summary>
public sealed class SandboxFactory : WebApplicationFactory<Program>
{
    // Port 9 (discard) answers nothing: tests that do not relay must not reach a real OneWindow.
    private readonly string _oneWindowBaseUrl;

    public SandboxFactory()
        : this("http://127.0.0.1:9")
    {
    }

    internal SandboxFactory(string oneWindowBaseUrl) => _oneWindowBaseUrl = oneWindowBaseUrl;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Sandbox:FaultSeed", "42");
        builder.UseSetting("OneWindowBaseUrl", _oneWindowBaseUrl);
        builder.UseSetting("Departments:fire:Secret", "configured-fire-secret");
    }
}
