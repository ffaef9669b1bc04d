using Microsoft.Extensions.Logging;

namespace OneWindow.Hosting.Telemetry;

/// <summary>The minimum level and filter delegate one provider gets for one category (see <see cref="ProviderFilterRules"/>).</summary>
internal sealed record ProviderFilter(LogLevel? MinLevel, Func<string?, string?, LogLevel, bool>? Predicate);
