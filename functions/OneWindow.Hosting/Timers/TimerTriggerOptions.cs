namespace OneWindow.Hosting.Timers;

/// <summary>Timer singleton settings: host.json <c>singleton</c> plus where locks live.</summary>
public sealed class TimerTriggerOptions
{
    /// <summary>Lease duration of the singleton lock (15–60 s for blob leases); renewed at a third of it.</summary>
    public TimeSpan LockPeriod { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The blob container holding <c>timers/&lt;function&gt;.lock</c> and <c>.status</c>.</summary>
    public string LockContainer { get; set; } = "azure-webjobs-hosts";

    /// <summary>The storage connection string; falls back to <c>AzureWebJobsStorage</c>.</summary>
    public string? ConnectionString { get; set; }
}
