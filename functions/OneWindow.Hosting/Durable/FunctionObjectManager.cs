using DurableTask.Core;

namespace OneWindow.Hosting.Durable;

/// <summary>
/// Finds orchestrations and activities by name alone. DTFx's own manager matches name and version exactly, but the
/// Microsoft.DurableTask shim schedules every activity with its orchestration's version, and Durable Functions has one
/// function per name whatever the version: an exact match would strand every versioned instance.
/// </summary>
/// <typeparam name="T">TaskOrchestration or TaskActivity.</typeparam>
internal sealed class FunctionObjectManager<T> : INameVersionObjectManager<T>
    where T : class
{
    private readonly Dictionary<string, ObjectCreator<T>> creators = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public void Add(ObjectCreator<T> creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        if (!creators.TryAdd(creator.Name, creator))
        {
            throw new InvalidOperationException($"Two durable functions are named '{creator.Name}'.");
        }
    }

    /// <inheritdoc />
    public T? GetObject(string name, string? version) => creators.TryGetValue(name, out var creator) ? creator.Create() : null;

    /// <summary>The registered names.</summary>
    public IReadOnlyCollection<string> Names => creators.Keys;
}
