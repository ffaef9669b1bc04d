using System.Collections.Concurrent;

namespace OneWindow.DurableTask;

/// <summary>
/// Orchestrators and activities by name and version. Several versions of one orchestrator may be registered:
/// new instances take the newest (see <see cref="CompareVersions"/>), running instances replay with the version recorded at their start.
/// </summary>
public sealed class DurableTaskRegistry
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, ITaskOrchestrator>> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, ITaskActivity>> _activities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers an orchestrator under <paramref name="name"/> (name and version).</summary>
    public DurableTaskRegistry AddOrchestrator(TaskName name, ITaskOrchestrator orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        _orchestrators.GetOrAdd(name.Name, _ => new(StringComparer.Ordinal))[name.Version] = orchestrator;
        return this;
    }

    /// <summary>Registers a typed orchestrator delegate.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(TaskName name, Func<TaskOrchestrationContext, TInput?, Task<TOutput>> orchestrator) =>
        AddOrchestrator(name, new FuncTaskOrchestrator<TInput, TOutput>(orchestrator));

    /// <summary>Registers an orchestrator delegate without a result.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput>(TaskName name, Func<TaskOrchestrationContext, TInput?, Task> orchestrator) =>
        AddOrchestrator(name, new FuncTaskOrchestrator<TInput, object?>(async (c, i) =>
        {
            await orchestrator(c, i).ConfigureAwait(true);
            return null;
        }));

    /// <summary>Registers an orchestrator delegate without input or result.</summary>
    public DurableTaskRegistry AddOrchestratorFunc(TaskName name, Func<TaskOrchestrationContext, Task> orchestrator) =>
        AddOrchestrator(name, new FuncTaskOrchestrator<object?, object?>(async (c, _) =>
        {
            await orchestrator(c).ConfigureAwait(true);
            return null;
        }));

    /// <summary>Registers an activity (activities are not versioned by the runtime; the version part is ignored).</summary>
    public DurableTaskRegistry AddActivity(TaskName name, ITaskActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        _activities.GetOrAdd(name.Name, _ => new(StringComparer.Ordinal))[name.Version] = activity;
        return this;
    }

    /// <summary>Registers a typed activity delegate.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput?, Task<TOutput>> activity) =>
        AddActivity(name, new FuncTaskActivity<TInput, TOutput>(activity));

    /// <summary>Registers a synchronous typed activity delegate.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput?, TOutput> activity) =>
        AddActivity(name, new FuncTaskActivity<TInput, TOutput>((c, i) => Task.FromResult(activity(c, i))));

    /// <summary>Registers an activity delegate without a result.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput>(TaskName name, Func<TaskActivityContext, TInput?, Task> activity) =>
        AddActivity(name, new FuncTaskActivity<TInput, object?>(async (c, i) =>
        {
            await activity(c, i).ConfigureAwait(false);
            return null;
        }));

    /// <summary>Finds the orchestrator for a name and exact version (empty version = unversioned registration).</summary>
    public bool TryGetOrchestrator(TaskName name, out ITaskOrchestrator orchestrator)
    {
        orchestrator = null!;
        return _orchestrators.TryGetValue(name.Name, out var versions) && versions.TryGetValue(name.Version, out orchestrator!);
    }

    /// <summary>The newest registered version of an orchestrator, or null when the name is unknown.</summary>
    public string? GetLatestOrchestratorVersion(string name)
    {
        if (!_orchestrators.TryGetValue(name, out var versions) || versions.IsEmpty)
        {
            return null;
        }

        return versions.Keys.OrderBy(v => v, Comparer<string>.Create(CompareVersions)).Last();
    }

    /// <summary>Finds an activity by name; a versioned registration is used when no unversioned one exists.</summary>
    public bool TryGetActivity(TaskName name, out ITaskActivity activity)
    {
        activity = null!;
        if (!_activities.TryGetValue(name.Name, out var versions) || versions.IsEmpty)
        {
            return false;
        }

        if (versions.TryGetValue(name.Version, out activity!))
        {
            return true;
        }

        activity = versions[versions.Keys.OrderBy(v => v, Comparer<string>.Create(CompareVersions)).Last()];
        return true;
    }

    /// <summary>Names of all registered orchestrators.</summary>
    public IReadOnlyCollection<string> OrchestratorNames => _orchestrators.Keys.ToArray();

    /// <summary>Names of all registered activities.</summary>
    public IReadOnlyCollection<string> ActivityNames => _activities.Keys.ToArray();

    /// <summary>
    /// Compares version strings: when both parse as <see cref="System.Version"/> (after an optional leading 'v'), numerically
    /// ("1.10" &gt; "1.9"); otherwise ordinally. The empty version sorts first.
    /// </summary>
    public static int CompareVersions(string? left, string? right)
    {
        left ??= string.Empty;
        right ??= string.Empty;
        if (left.Length == 0 || right.Length == 0)
        {
            return left.Length == right.Length ? 0 : (left.Length == 0 ? -1 : 1);
        }

        if (TryParse(left, out var l) && TryParse(right, out var r))
        {
            return l.CompareTo(r);
        }

        return string.CompareOrdinal(left, right);
    }

    private static bool TryParse(string text, out Version version)
    {
        var trimmed = text.StartsWith('v') || text.StartsWith('V') ? text[1..] : text;
        if (int.TryParse(trimmed, out var major))
        {
            version = new Version(major, 0);
            return true;
        }

        return Version.TryParse(trimmed, out version!);
    }
}
