using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Http.Resilience;

namespace OneWindow.Functions.Platform;

/// <summary>
/// The resilience pipeline of every outside provider's typed client (SMS gateway, courier, department systems): the
/// standard handler with retries inside one queue try, and a circuit breaker that opens only for a provider that is down.
/// The standard breaker opens at 10% failures over 100 calls; a gateway that fails 30% of its calls then keeps it open,
/// and every queue message that meets the open circuit spends a try until it lands in its poison queue (the platform
/// drill lost 12 SMS that way). The queue's own retries and poison queue handle a provider that stays down.
/// </summary>
internal static class ProviderResilience
{
    /// <summary>
    /// Sets <paramref name="options"/>: retries from <paramref name="retries"/> when the caller has its own setting for them,
    /// else from <c>{section}:RetryAttempts</c> (default 3); the delay from <c>{section}:RetryDelay</c>.
    /// </summary>
    public static void Configure(HttpStandardResilienceOptions options, IConfiguration configuration, string section, int? retries = null)
    {
        options.Retry.MaxRetryAttempts = retries
            ?? (int.TryParse(configuration[section + ":RetryAttempts"], out var attempts) && attempts > 0 ? attempts : 3);
        if (TimeSpan.TryParse(configuration[section + ":RetryDelay"], CultureInfo.InvariantCulture, out var delay)) options.Retry.Delay = delay;
        options.CircuitBreaker.FailureRatio = 0.9;
        options.CircuitBreaker.MinimumThroughput = 20;
    }
}
