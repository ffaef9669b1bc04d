namespace OneWindow.Hosting;

/// <summary>What a timer function is told about its invocation.</summary>
public sealed class TimerInfo
{
    /// <summary>The schedule's last, next and last-updated times, when the schedule is monitored.</summary>
    public ScheduleStatus? ScheduleStatus { get; init; }

    /// <summary>True when this invocation is later than its occurrence (catch-up after downtime).</summary>
    public bool IsPastDue { get; init; }
}
