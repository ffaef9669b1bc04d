using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OneWindow.Hosting.Telemetry;

/// <summary>Puts <see cref="PersonalDataMaskingLoggerProvider"/> around every logger provider of a service collection.</summary>
public static class PersonalDataMaskingServiceCollectionExtensions
{
    /// <summary>
    /// Replaces every <see cref="ILoggerProvider"/> registration with one that wraps the original in a
    /// <see cref="PersonalDataMaskingLoggerProvider"/>, with the same lifetime. The original (type, factory or instance)
    /// stays registered under a private key, so the container builds and disposes it as before. Call it after the last
    /// provider is registered: providers registered later are not wrapped until it is called again. Calling it again
    /// never wraps a provider twice.
    /// </summary>
    public static IServiceCollection AddPersonalDataMaskingInLogs(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        for (var i = 0; i < services.Count; i++)
        {
            var original = services[i];
            if (original.ServiceType != typeof(ILoggerProvider) || original.IsKeyedService || original.ImplementationFactory?.Target is MaskedRegistration)
            {
                continue;
            }

            var registration = new MaskedRegistration();
            services[i] = ServiceDescriptor.Describe(typeof(ILoggerProvider), registration.Create, original.Lifetime);
            services.Add(original switch
            {
                { ImplementationInstance: { } instance } => new ServiceDescriptor(typeof(ILoggerProvider), registration, instance),
                { ImplementationType: { } type } => new ServiceDescriptor(typeof(ILoggerProvider), registration, type, original.Lifetime),
                { ImplementationFactory: { } factory } => new ServiceDescriptor(typeof(ILoggerProvider), registration, (sp, _) => factory(sp), original.Lifetime),
                _ => throw new InvalidOperationException("A logger provider registration without an implementation."),
            });
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<LoggerFilterOptions>, LetEntriesThroughToWrappers>());
        return services;
    }

    // The key of one original registration, and the factory of its wrapper (recognised by the delegate's target).
    private sealed class MaskedRegistration
    {
        public object Create(IServiceProvider services) => PersonalDataMaskingLoggerProvider.Wrap(
            services.GetRequiredKeyedService<ILoggerProvider>(this),
            services.GetService<IOptionsMonitor<LoggerFilterOptions>>());
    }

    // The factory's rules for the wrapper types let everything through: each wrapper applies its own provider's rules.
    private sealed class LetEntriesThroughToWrappers : IConfigureOptions<LoggerFilterOptions>
    {
        public void Configure(LoggerFilterOptions options)
        {
            options.Rules.Add(new LoggerFilterRule(typeof(PersonalDataMaskingLoggerProvider).FullName, null, LogLevel.Trace, null));
            options.Rules.Add(new LoggerFilterRule(typeof(ExternalScopePersonalDataMaskingLoggerProvider).FullName, null, LogLevel.Trace, null));
        }
    }
}
