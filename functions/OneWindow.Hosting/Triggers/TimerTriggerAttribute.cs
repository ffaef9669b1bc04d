namespace OneWindow.Hosting;

/// <summary>
/// Binds a <see cref="TimerInfo"/> parameter to a cron schedule (Cronos, six fields with seconds, UTC unless
/// <see cref="TimeZone"/> is set). One invocation per occurrence across all host processes (a blob-lease singleton).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class TimerTriggerAttribute(string schedule) : Attribute
{
    /// <summary>A six-field cron expression, or <c>%Setting%</c> to read it from configuration.</summary>
    public string Schedule { get; } = schedule;

    /// <summary>Invoke once when the host starts, besides the schedule.</summary>
    public bool RunOnStartup { get; set; }

    /// <summary>
    /// Keep the schedule's status in storage so an occurrence missed while no host ran is invoked once on start
    /// (<see cref="TimerInfo.IsPastDue"/> is then true). Default true, as in Azure Functions.
    /// </summary>
    public bool UseMonitor { get; set; } = true;

    /// <summary>IANA time zone of the schedule, e.g. <c>Asia/Shanghai</c>; UTC when null.</summary>
    public string? TimeZone { get; set; }
}
