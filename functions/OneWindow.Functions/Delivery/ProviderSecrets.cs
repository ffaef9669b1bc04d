using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace OneWindow.Functions.Delivery;

/// <summary>
/// The webhook secrets of the courier and the bank (<c>Providers:Courier:Secret</c>, <c>Providers:Bank:Secret</c>; Key
/// Vault in Azure). Development falls back to the README's demo secrets, which the provider sandbox signs with.
/// </summary>
public sealed class ProviderSecrets(IConfiguration configuration, IHostEnvironment environment)
{
    public const string Courier = "courier";
    public const string Bank = "bank";

    /// <summary>The secret of <paramref name="provider"/> (<see cref="Courier"/> or <see cref="Bank"/>), or null when none is configured.</summary>
    public string? Resolve(string provider)
    {
        var configured = configuration[$"Providers:{char.ToUpperInvariant(provider[0])}{provider[1..]}:Secret"];
        if (!string.IsNullOrEmpty(configured)) return configured;
        return environment.IsDevelopment() ? $"demo-secret-{provider}" : null;
    }
}
