using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using OneWindow.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Supervision;

/// <summary>
/// Nightly at 03:30 Beijing time, written 19:30 UTC (Azure evaluates schedules in UTC; Flex has no WEBSITE_TIME_ZONE): finished instances older than <c>Supervision:HistoryRetention</c> (ISO 8601 or
/// TimeSpan; default 90 days) leave the task hub, their case histories kept as archives.
/// </summary>
public sealed class OrchestrationRetentionFunction(OrchestrationRetention retention, IConfiguration configuration, TimeProvider time)
{
    /// <summary>The retention period when none is configured.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(90);

    [Function("PurgeFinishedOrchestrations")]
    public async Task RunAsync([TimerTrigger("0 30 19 * * *")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var period = Period(configuration["Supervision:HistoryRetention"]);
        await retention.RunAsync(durable, time.GetUtcNow() - period, cancellationToken);
    }

    /// <summary>Parses the configured period (ISO 8601 like P90D, or d.hh:mm:ss); the default when absent.</summary>
    public static TimeSpan Period(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured)) return DefaultRetention;
        if (configured.StartsWith('P')) return System.Xml.XmlConvert.ToTimeSpan(configured);
        return TimeSpan.Parse(configured, System.Globalization.CultureInfo.InvariantCulture);
    }
}
