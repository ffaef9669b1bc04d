using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Hosting.Invocation;

/// <summary>Trigger metadata by name, as the Functions host passes it (route values, queue message id and dequeue count, ...).</summary>
internal sealed class LocalBindingContext(IReadOnlyDictionary<string, object?> data) : BindingContext
{
    public override IReadOnlyDictionary<string, object?> BindingData { get; } = data;
}
