using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Hosting.Invocation;

/// <summary>One binding of a function as <c>functions.metadata</c> names it (httpTrigger, queueTrigger, durableClient, ...).</summary>
internal sealed class LocalBindingMetadata(string name, string type, BindingDirection direction) : BindingMetadata
{
    public override string Name { get; } = name;

    public override string Type { get; } = type;

    public override BindingDirection Direction { get; } = direction;
}
