namespace OneWindow.ProviderSandbox;

/// <summary>
/// Fault injection per target ("sms", "courier", "department", "bank"). The random source is seeded from
/// configuration (<c>Sandbox:FaultSeed</c>) so a test sees the same failures on every run.
/// </summary>
public sealed class FaultInjector
{
    /// <summary>The targets faults can be set for.</summary>
    public static readonly IReadOnlySet<string> Targets = new HashSet<string>(StringComparer.Ordinal) { "sms", "courier", "department", "bank" };

    private readonly Lock _gate = new();
    private readonly Dictionary<string, FaultSetting> _settings = new(StringComparer.Ordinal);
    private readonly int _seed;
    private Random _random;

    /// <summary>Creates the injector with a fixed seed.</summary>
    public FaultInjector(int seed)
    {
        _seed = seed;
        _random = new Random(seed);
    }

    /// <summary>Sets the fault for a target, replacing any earlier one.</summary>
    public void Set(string target, FaultSetting setting)
    {
        lock (_gate)
        {
            _settings[target] = setting;
        }
    }

    /// <summary>Removes all faults and restarts the random sequence.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _settings.Clear();
            _random = new Random(_seed);
        }
    }

    /// <summary>The faults currently set.</summary>
    public IReadOnlyDictionary<string, FaultSetting> Current()
    {
        lock (_gate)
        {
            return new Dictionary<string, FaultSetting>(_settings, StringComparer.Ordinal);
        }
    }

    /// <summary>Decides for one request: the latency to add and whether to fail it.</summary>
    public (TimeSpan Latency, bool Fail) Decide(string target)
    {
        lock (_gate)
        {
            if (!_settings.TryGetValue(target, out var setting))
            {
                return (TimeSpan.Zero, false);
            }

            var fail = setting.ErrorRate >= 1 || (setting.ErrorRate > 0 && _random.NextDouble() < setting.ErrorRate);
            return (TimeSpan.FromMilliseconds(setting.LatencyMs), fail);
        }
    }
}
