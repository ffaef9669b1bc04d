using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OneWindow.Hosting.Telemetry;
using Xunit;

namespace OneWindow.Hosting.Tests.Telemetry;

public sealed class PersonalDataMaskingServiceCollectionTests
{
    private const string Phone = "13912343185";

    private static List<ServiceDescriptor> Providers(IServiceCollection services) =>
        services.Where(d => d.ServiceType == typeof(ILoggerProvider) && !d.IsKeyedService).ToList();

    [Fact]
    public void Every_provider_registered_before_is_wrapped_whatever_its_registration()
    {
        var instance = new RecordingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddConsole().AddDebug().AddProvider(instance));
        services.AddSingleton<ILoggerProvider>(_ => new RecordingLoggerProvider());
        services.AddTransient<ILoggerProvider, SilentLoggerProvider>();
        var lifetimes = Providers(services).Select(d => d.Lifetime).ToList();

        services.AddPersonalDataMaskingInLogs();

        Assert.Equal(lifetimes, Providers(services).Select(d => d.Lifetime));
        using var provider = services.BuildServiceProvider();
        var wrappers = provider.GetServices<ILoggerProvider>().Select(p => Assert.IsAssignableFrom<PersonalDataMaskingLoggerProvider>(p)).ToList();
        Assert.Equal(
            [typeof(ConsoleLoggerProvider), typeof(Microsoft.Extensions.Logging.Debug.DebugLoggerProvider), typeof(RecordingLoggerProvider), typeof(RecordingLoggerProvider), typeof(SilentLoggerProvider)],
            wrappers.Select(w => w.Inner.GetType()));
        Assert.Same(instance, wrappers[2].Inner);
        Assert.IsAssignableFrom<ISupportExternalScope>(wrappers[0]);
        Assert.IsNotAssignableFrom<ISupportExternalScope>(wrappers[1]);
    }

    [Fact]
    public void Calling_it_twice_wraps_once_and_wraps_what_was_added_between()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddConsole());
        services.AddPersonalDataMaskingInLogs();
        var once = services.ToList();

        services.AddPersonalDataMaskingInLogs();
        Assert.Equal(once, services);

        services.AddSingleton<ILoggerProvider, SilentLoggerProvider>();
        services.AddPersonalDataMaskingInLogs();
        using var provider = services.BuildServiceProvider();
        Assert.All(provider.GetServices<ILoggerProvider>(), p => Assert.IsNotAssignableFrom<PersonalDataMaskingLoggerProvider>(Assert.IsAssignableFrom<PersonalDataMaskingLoggerProvider>(p).Inner));
        Assert.Equal(2, provider.GetServices<ILoggerProvider>().Count());
    }

    [Fact]
    public void The_logger_factory_logs_masked_through_every_provider_and_keeps_scopes()
    {
        var recorder = new RecordingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(recorder));
        services.AddPersonalDataMaskingInLogs();
        using var provider = services.BuildServiceProvider();
        var logger = provider.GetRequiredService<ILogger<PersonalDataMaskingServiceCollectionTests>>();

        using (logger.BeginScope("case {CaseId}", "c-1"))
        {
            logger.LogDebug("SMS to {Phone}", Phone);
        }

        logger.LogTrace("below the minimum level {Phone}", Phone);
        var entry = Assert.Single(recorder.Entries);
        Assert.Equal("SMS to 139****3185", entry.Message);
        Assert.Equal("case c-1", Assert.Single(entry.Scopes)!.ToString());
    }

    [Fact]
    public void Rules_for_the_wrapped_provider_apply_as_the_logger_factory_applies_them_without_the_wrapper()
    {
        static (List<string> Recorder, List<string> Other, List<string> Enabled) Run(bool masked)
        {
            var recorder = new RecordingLoggerProvider();
            var other = new OtherRecordingLoggerProvider();
            var services = new ServiceCollection();
            services.AddLogging(b => b
                .SetMinimumLevel(LogLevel.Information)
                .AddProvider(recorder)
                .AddProvider(other)
                .AddFilter("Microsoft", LogLevel.Warning)
                .AddFilter<RecordingLoggerProvider>(null, LogLevel.Warning)
                .AddFilter<RecordingLoggerProvider>("Microsoft.Chatty", LogLevel.Trace)
                .AddFilter<OtherRecordingLoggerProvider>("Noisy", LogLevel.Debug)
                .AddFilter<OtherRecordingLoggerProvider>("noisy.quiet*Part", LogLevel.Error)
                .AddFilter<OtherRecordingLoggerProvider>("Filtered", level => level != LogLevel.Warning)
                .AddFilter("None", LogLevel.None));
            if (masked)
            {
                services.AddPersonalDataMaskingInLogs();
            }

            using var provider = services.BuildServiceProvider();
            var factory = provider.GetRequiredService<ILoggerFactory>();
            var enabled = new List<string>();
            foreach (var category in new[] { "App", "Microsoft.AspNetCore", "Microsoft.Chatty.Part", "Noisy.Part", "Noisy.QuietPart", "Noisy.Quiet", "Filtered.X", "None" })
            {
                var logger = factory.CreateLogger(category);
                foreach (var level in Enum.GetValues<LogLevel>().Where(l => l != LogLevel.None))
                {
#pragma warning disable CA2254
                    logger.Log(level, category + " " + level);
#pragma warning restore CA2254
                    if (logger.IsEnabled(level))
                    {
                        enabled.Add(category + " " + level);
                    }
                }
            }

            return ([.. recorder.Entries.Select(e => e.Message)], [.. other.Inner.Entries.Select(e => e.Message)], enabled);
        }

        var plain = Run(masked: false);
        var masked = Run(masked: true);
        Assert.Equal(plain.Recorder, masked.Recorder);
        Assert.Equal(plain.Other, masked.Other);
        Assert.Equal(plain.Enabled, masked.Enabled);
        Assert.Contains("Microsoft.Chatty.Part Trace", masked.Recorder);
        Assert.DoesNotContain("Filtered.X Warning", masked.Other);
        Assert.Contains("Filtered.X Error", masked.Other);
        Assert.Contains("Noisy.Part Debug", masked.Other);
        Assert.DoesNotContain("Noisy.QuietPart Warning", masked.Other);
        Assert.Contains("Noisy.Quiet Warning", masked.Other);
        Assert.DoesNotContain(masked.Other, m => m.StartsWith("None", StringComparison.Ordinal));
    }

    [Fact]
    public void The_container_disposes_what_it_created_and_leaves_instances_to_their_owner()
    {
        var instance = new RecordingLoggerProvider();
        RecordingLoggerProvider? created = null;
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerProvider>(instance);
        services.AddSingleton<ILoggerProvider>(_ => created = new RecordingLoggerProvider());
        services.AddPersonalDataMaskingInLogs();
        using (var provider = services.BuildServiceProvider())
        {
            Assert.Equal(2, provider.GetServices<ILoggerProvider>().Count());
        }

        Assert.False(instance.Disposed);
        Assert.True(created!.Disposed);
    }

    /// <summary>A second provider type, for rules by provider.</summary>
    private sealed class OtherRecordingLoggerProvider : ILoggerProvider
    {
        public RecordingLoggerProvider Inner { get; } = new();

        public ILogger CreateLogger(string categoryName) => Inner.CreateLogger(categoryName);

        public void Dispose() => Inner.Dispose();
    }
}
