using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OneWindow.Hosting.Telemetry;

/// <summary>
/// A logger provider around another one that masks mainland resident ID numbers and mobile numbers in every entry before
/// the wrapped provider sees it: the formatted message and the structured state values (<see cref="PersonalDataScanner"/>).
/// It is the safety net under the explicit masking of features (<c>PersonalDataMask</c>); entries without such a number
/// pass unchanged and without a copy. Scopes and exceptions pass unchanged.
/// </summary>
/// <remarks>
/// <para>
/// The logger factory applies filter rules by the provider's type, which is now this one; given the factory's
/// <see cref="LoggerFilterOptions"/>, the wrapper applies the rules of the provider it wraps itself (so
/// <c>Logging:Console:LogLevel</c> still governs the console), and <see cref="PersonalDataMaskingServiceCollectionExtensions"/>
/// lets every entry through to it. The wrapped provider is not disposed here: whoever created it owns it.
/// </para>
/// <para>Create one with <see cref="Wrap"/>, which keeps external scopes working for providers that take them.</para>
/// </remarks>
public class PersonalDataMaskingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, PersonalDataMaskingLogger> loggers = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<LoggerFilterOptions>? filterOptions;
    private readonly IDisposable? optionsReload;

    private protected PersonalDataMaskingLoggerProvider(ILoggerProvider inner, IOptionsMonitor<LoggerFilterOptions>? filterOptions)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
        this.filterOptions = filterOptions;
        optionsReload = filterOptions?.OnChange(options =>
        {
            foreach (var (category, logger) in loggers)
            {
                logger.Filter = FilterFor(options, category);
            }
        });
    }

    /// <summary>The provider whose loggers receive the masked entries.</summary>
    public ILoggerProvider Inner { get; }

    /// <summary>
    /// Wraps <paramref name="inner"/>. With <paramref name="filterOptions"/> (the logger factory's), the wrapper applies
    /// the rules meant for <paramref name="inner"/>'s type; without, it filters nothing itself.
    /// </summary>
    public static PersonalDataMaskingLoggerProvider Wrap(ILoggerProvider inner, IOptionsMonitor<LoggerFilterOptions>? filterOptions = null) =>
        inner is ISupportExternalScope
            ? new ExternalScopePersonalDataMaskingLoggerProvider(inner, filterOptions)
            : new PersonalDataMaskingLoggerProvider(inner, filterOptions);

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) =>
        loggers.GetOrAdd(categoryName, static (category, self) => new PersonalDataMaskingLogger(self.Inner.CreateLogger(category), category, self.Inner.GetType().FullName)
        {
            Filter = self.filterOptions is null ? null : self.FilterFor(self.filterOptions.CurrentValue, category),
        }, this);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops following filter option changes (the wrapped provider is left to its owner).</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            optionsReload?.Dispose();
        }
    }

    private ProviderFilter FilterFor(LoggerFilterOptions options, string category) => ProviderFilterRules.Select(options, Inner.GetType(), category);
}
