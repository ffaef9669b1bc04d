using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Identity;
using OneWindow.Hosting;
using OneWindow.Hosting.Telemetry;
using OneWindow.Orchestrations.Applications;
using Xunit;

namespace OneWindow.Functions.Tests.Platform;

/// <summary>
/// The host's log masking and the domain agree on what an ID or mobile number is and how it is masked, and the app's one
/// registration puts the masking around every logger provider on Azure's worker builder and on the local host alike.
/// </summary>
public sealed class LogMaskingTests
{
    private const string Phone = "13912343185";
    private const string IdNumber = "11010519491231002X";

    [Fact]
    public void Every_id_number_the_domain_accepts_is_masked_as_the_domain_masks_it_and_no_other()
    {
        var random = new Random(11643);
        var accepted = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var date = new DateOnly(1890, 1, 1).AddDays(random.Next(0, 60_000));
            var body = random.Next(110000, 660000).ToString(CultureInfo.InvariantCulture) + date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)
                       + random.Next(0, 1000).ToString("000", CultureInfo.InvariantCulture);
            if (n % 7 == 0)
            {
                // Impossible dates too: 31 April, 30 February, month 13.
                body = body[..10] + random.Next(1, 14).ToString("00", CultureInfo.InvariantCulture) + random.Next(28, 32).ToString("00", CultureInfo.InvariantCulture) + body[14..];
            }

            var check = n % 2 == 0 ? ResidentIdNumber.CheckCharacter(body) : "0123456789Xx"[random.Next(12)];
            var candidate = body + (n % 5 == 0 ? char.ToLowerInvariant(check) : check);
            var domain = ResidentIdNumber.TryParse(candidate, out _);
            Assert.True((domain is not null) == PersonalDataScanner.ContainsPersonalData(candidate), candidate);
            if (domain is not null)
            {
                accepted++;
                Assert.Equal(PersonalDataMask.IdNumber(candidate), PersonalDataScanner.Mask(candidate));
                Assert.Equal(domain.Masked, PersonalDataScanner.Mask(domain.Value));
                Assert.Equal($"身份证 {domain.Masked}，", PersonalDataScanner.Mask($"身份证 {domain.Value}，"));
            }
        }

        Assert.InRange(accepted, 8_000, 12_000);
    }

    [Fact]
    public void Every_mobile_number_the_domain_accepts_in_the_forms_logs_carry_is_masked_as_the_domain_masks_it_and_no_other()
    {
        var random = new Random(86);
        for (var n = 0; n < 5_000; n++)
        {
            var digits = "1" + random.Next(0, 10).ToString(CultureInfo.InvariantCulture) + random.NextInt64(0, 1_000_000_000).ToString("000000000", CultureInfo.InvariantCulture);
            var domain = MobileNumber.TryParse(digits, out _);
            Assert.True((domain is not null) == PersonalDataScanner.ContainsPersonalData(digits), digits);
            if (domain is null)
            {
                continue;
            }

            var masked = domain.Masked;
            Assert.Equal(PersonalDataMask.Phone(digits), PersonalDataScanner.Mask(digits));
            foreach (var (written, expected) in new[]
            {
                ("+86" + digits, "+86" + masked), ("86" + digits, "86" + masked),
                ($"{digits[..3]}-{digits[3..7]}-{digits[7..]}", $"{masked[..3]}-{masked[3..7]}-{masked[7..]}"),
                ($"{digits[..3]} {digits[3..7]} {digits[7..]}", $"{masked[..3]} {masked[3..7]} {masked[7..]}"),
                ($"+86 {digits[..3]} {digits[3..7]} {digits[7..]}", $"+86 {masked[..3]} {masked[3..7]} {masked[7..]}"),
            })
            {
                Assert.Equal(domain, MobileNumber.TryParse(written, out _));
                Assert.Equal(expected, PersonalDataScanner.Mask(written));
            }
        }
    }

    [Fact]
    public void On_Azures_worker_builder_every_logger_provider_masks()
    {
        var builder = FunctionsApplication.CreateBuilder(["--environment", "Development"]);
        builder.ConfigureFunctionsWebApplication();
        var recorder = new Recorder();
        builder.Logging.AddProvider(recorder);
        builder.AddOneWindow(builder.Configuration, builder.Environment);
        using var host = builder.Build();

        // WorkerLoggerProvider: the worker's channel to the Functions host, which writes to Application Insights.
        AssertEveryProviderMasks(host.Services, recorder, "WorkerLoggerProvider");
    }

    [Fact]
    public void On_the_local_host_every_logger_provider_masks()
    {
        var builder = LocalFunctionsHost.CreateBuilder(["--environment", "Development"]);
        builder.AddFunctionsFrom(typeof(OneWindowApp).Assembly, typeof(ApplicationOrchestration).Assembly);
        var recorder = new Recorder();
        builder.Logging.AddProvider(recorder);
        builder.Worker.AddOneWindow(builder.Configuration, builder.Environment);
        var app = builder.Build();
        try
        {
            AssertEveryProviderMasks(app.Services, recorder, "ConsoleLoggerProvider");
        }
        finally
        {
            ((IDisposable)app).Dispose();
        }
    }

    private static void AssertEveryProviderMasks(IServiceProvider services, Recorder recorder, string mainProvider)
    {
        var providers = services.GetServices<ILoggerProvider>().ToList();
        Assert.NotEmpty(providers);
        Assert.All(providers, p => Assert.IsAssignableFrom<PersonalDataMaskingLoggerProvider>(p));
        Assert.Contains(providers, p => ((PersonalDataMaskingLoggerProvider)p).Inner.GetType().Name == mainProvider);

        services.GetRequiredService<ILoggerFactory>().CreateLogger("OneWindow.Functions.Applications")
            .LogWarning("SMS to {Phone} for {IdNumber} failed", Phone, IdNumber);
        Assert.Equal("SMS to 139****3185 for 110***********002X failed", Assert.Single(recorder.Messages));
    }

    private sealed class Recorder : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(Recorder recorder, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (category == "OneWindow.Functions.Applications")
                {
                    recorder.Messages.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
