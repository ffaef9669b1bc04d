using Microsoft.Azure.WebJobs;

namespace OneWindow.Hosting.Tests.Durable;

/// <summary>An app-settings resolver with no settings, for Durable Functions' option validation.</summary>
internal sealed class NoNameResolver : INameResolver
{
    public string Resolve(string name) => null!;
}
