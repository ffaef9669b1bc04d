namespace OneWindow.Hosting;

/// <summary>The monitored status of a timer schedule.</summary>
public sealed class ScheduleStatus
{
    /// <summary>The occurrence last invoked (UTC).</summary>
    public DateTime Last { get; init; }

    /// <summary>The next occurrence (UTC).</summary>
    public DateTime Next { get; init; }

    /// <summary>When the status was last written (UTC).</summary>
    public DateTime LastUpdated { get; init; }
}
