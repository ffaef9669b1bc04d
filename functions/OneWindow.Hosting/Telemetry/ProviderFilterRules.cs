using System.Reflection;
using Microsoft.Extensions.Logging;

namespace OneWindow.Hosting.Telemetry;

/// <summary>
/// The log level and filter <see cref="LoggerFilterOptions"/> give one provider type for one category, chosen as
/// <c>LoggerFactory</c> chooses them (documented in "Logging in .NET", "How filtering rules are applied"): rules naming
/// the provider (full type name or <see cref="ProviderAliasAttribute"/>) beat rules naming none; among those, the longest
/// matching category prefix (one <c>*</c> wildcard allowed) beats shorter ones and no category; the last of equals wins;
/// without a rule, <see cref="LoggerFilterOptions.MinLevel"/>.
/// </summary>
/// <remarks>
/// The factory sees the masking wrapper, not the provider inside, so it can no longer apply a provider's own rules
/// (<c>Logging:Console:LogLevel</c>, say); the wrapper applies them for the provider it wraps with this.
/// </remarks>
internal static class ProviderFilterRules
{
    public static ProviderFilter Select(LoggerFilterOptions options, Type providerType, string category)
    {
        var fullName = providerType.FullName;
        var alias = providerType.GetCustomAttribute<ProviderAliasAttribute>()?.Alias;
        LoggerFilterRule? best = null;
        foreach (var rule in options.Rules)
        {
            if (rule.ProviderName is not null && rule.ProviderName != fullName && (string.IsNullOrEmpty(alias) || rule.ProviderName != alias))
            {
                continue;
            }

            if (rule.CategoryName is not null && !CategoryMatches(rule.CategoryName, category))
            {
                continue;
            }

            if (best is null || !Outranks(best, rule))
            {
                best = rule;
            }
        }

        return best is null ? new ProviderFilter(options.MinLevel, null) : new ProviderFilter(best.LogLevel, best.Filter);
    }

    // A provider-specific rule outranks any generic one; then a longer category outranks a shorter one or none.
    private static bool Outranks(LoggerFilterRule a, LoggerFilterRule b)
    {
        var (providerA, providerB) = (a.ProviderName is null ? 0 : 1, b.ProviderName is null ? 0 : 1);
        return providerA != providerB ? providerA > providerB : (a.CategoryName?.Length ?? -1) > (b.CategoryName?.Length ?? -1);
    }

    private static bool CategoryMatches(string pattern, string category)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return category.StartsWith(pattern, StringComparison.OrdinalIgnoreCase);
        }

        if (pattern.IndexOf('*', star + 1) >= 0)
        {
            throw new InvalidOperationException($"The logging category rule '{pattern}' has more than one '*' wildcard.");
        }

        return category.StartsWith(pattern.AsSpan(0, star), StringComparison.OrdinalIgnoreCase)
               && category.AsSpan().EndsWith(pattern.AsSpan(star + 1), StringComparison.OrdinalIgnoreCase);
    }
}
