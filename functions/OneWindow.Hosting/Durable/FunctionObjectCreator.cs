using DurableTask.Core;

namespace OneWindow.Hosting.Durable;

/// <summary>Creates a fresh DTFx object (orchestration shim or activity shim) per work item.</summary>
/// <typeparam name="T">TaskOrchestration or TaskActivity.</typeparam>
internal sealed class FunctionObjectCreator<T> : ObjectCreator<T>
{
    private readonly Func<T> create;

    public FunctionObjectCreator(string name, Func<T> create)
    {
        Name = name;
        Version = string.Empty;
        this.create = create;
    }

    /// <inheritdoc />
    public override T Create() => create();
}
