using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Hosting.Invocation;

/// <summary>Per-invocation features by type.</summary>
internal sealed class LocalInvocationFeatures : IInvocationFeatures
{
    private readonly Dictionary<Type, object> features = [];

    public void Set<T>(T instance)
    {
        if (instance is null) features.Remove(typeof(T));
        else features[typeof(T)] = instance;
    }

    public T Get<T>() => features.TryGetValue(typeof(T), out var value) ? (T)value : default!;

    public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => features.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
