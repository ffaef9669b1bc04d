using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OneWindow.Hosting.Telemetry;

/// <summary>
/// Traces and metrics in one place (the eShop "service defaults" idea): ASP.NET Core, HttpClient and every
/// <c>OneWindow.*</c> source and meter. Exporters follow configuration: console with <c>Telemetry:Console=true</c>,
/// OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The name under which the app reports.</summary>
    public const string ServiceName = "onewindow-functions";

    /// <summary>Adds OpenTelemetry tracing and metrics with the configured exporters.</summary>
    public static IServiceCollection AddPlatformTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var console = configuration.GetValue<bool>("Telemetry:Console");
        var otlp = !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var azureMonitor = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(t =>
            {
                t.AddSource("OneWindow.*").AddAspNetCoreInstrumentation(o => o.Filter = c => c.Request.Path != "/health").AddHttpClientInstrumentation();
                if (console)
                {
                    t.AddConsoleExporter();
                }

                if (!string.IsNullOrEmpty(azureMonitor))
                {
                    t.AddAzureMonitorTraceExporter(o => o.ConnectionString = azureMonitor);
                }
            })
            .WithMetrics(m =>
            {
                m.AddMeter("OneWindow.*").AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (console)
                {
                    m.AddConsoleExporter();
                }

                if (!string.IsNullOrEmpty(azureMonitor))
                {
                    m.AddAzureMonitorMetricExporter(o => o.ConnectionString = azureMonitor);
                }
            });
        if (otlp)
        {
            builder.UseOtlpExporter();
        }

        return services;
    }
}
