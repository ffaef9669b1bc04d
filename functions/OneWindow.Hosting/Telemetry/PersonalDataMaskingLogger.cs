using Microsoft.Extensions.Logging;

namespace OneWindow.Hosting.Telemetry;

/// <summary>
/// The logger of <see cref="PersonalDataMaskingLoggerProvider"/>: hands every entry to the wrapped provider's logger,
/// with a masked copy of its state and message when either holds an ID or mobile number. Scopes and exceptions pass
/// unchanged.
/// </summary>
internal sealed class PersonalDataMaskingLogger(ILogger inner, string category, string? providerName) : ILogger
{
    private volatile ProviderFilter? filter;

    /// <summary>The level and filter the options give the wrapped provider for this category (null: none to apply).</summary>
    public ProviderFilter? Filter
    {
        get => filter;
        set => filter = value;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => Passes(logLevel) && inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var masked = MaskedLogState.From(state, exception, formatter);
        if (masked is null)
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
        else
        {
            inner.Log(logLevel, eventId, masked, exception, MaskedLogState.Formatter);
        }
    }

    private bool Passes(LogLevel logLevel)
    {
        var current = filter;
        if (current is null)
        {
            return true;
        }

        if (current.MinLevel is { } min && (logLevel < min || min > LogLevel.Critical))
        {
            return false;
        }

        return current.Predicate is null || current.Predicate(providerName, category, logLevel);
    }
}
