namespace OneWindow.Bench;

/// <summary>
/// What the shared scenario code drives on either engine: (a) bare DTFx or (b) OneWindow's DurableEngine. The logical
/// orchestration names are <see cref="Names"/>; each engine maps them to its own orchestrations.
/// </summary>
internal interface IBenchEngine : IAsyncDisposable
{
    /// <summary>"a bare DTFx" or "b OneWindow".</summary>
    string Label { get; }

    /// <summary>The task hub (fresh per engine instance).</summary>
    string TaskHub { get; }

    /// <summary>Creates the task hub, starts the worker and waits until it owns every partition.</summary>
    Task StartAsync();

    Task<string> ScheduleAsync(string orchestration, int input, string? instanceId = null);

    /// <summary>The instance's runtime status name (DTFx's and Microsoft.DurableTask's share names) and its output when completed.</summary>
    Task<(string Status, string? Output)> GetAsync(string instanceId);

    Task RaiseAsync(string instanceId, string eventName, int value);

    /// <summary>Stops the worker and deletes the task hub (so Azurite does not accumulate state between runs).</summary>
    Task StopAsync();
}

internal static class Names
{
    public const string Sequential = "Sequential";
    public const string Fan = "Fan";
    public const string Listen = "Listen";
    public const string Hello = "Hello";
    public const string Wait = "Wait";
    public const string Event = "e";

    /// <summary>How long the waiting instances' timers run: far beyond any benchmark.</summary>
    public static readonly TimeSpan LongTimer = TimeSpan.FromDays(5);
}
