using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OneWindow.Hosting.Telemetry;

/// <summary>
/// The masking wrapper of a provider that takes its scopes from the logger factory (<see cref="ISupportExternalScope"/>,
/// as the console, OpenTelemetry and the Functions worker's providers do): the factory sees the interface on the wrapper
/// and hands the scope provider on to the wrapped one.
/// </summary>
internal sealed class ExternalScopePersonalDataMaskingLoggerProvider(ILoggerProvider inner, IOptionsMonitor<LoggerFilterOptions>? filterOptions)
    : PersonalDataMaskingLoggerProvider(inner, filterOptions), ISupportExternalScope
{
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => ((ISupportExternalScope)Inner).SetScopeProvider(scopeProvider);
}
