using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace OneWindow.Hosting.Durable;

/// <summary>
/// The DTFx orchestration object of one work item: wraps an <see cref="ITaskOrchestrator"/> in Microsoft's shim once the
/// dispatch middleware has told it the instance's parent (DTFx creates orchestration objects by name only, so the parent,
/// which <c>context.Parent</c> shows in Durable Functions, is known only when the work item's history is).
/// </summary>
internal sealed class FunctionOrchestration(Microsoft.DurableTask.TaskName name, ITaskOrchestrator orchestrator, DurableTaskShimFactory shims) : TaskOrchestration
{
    private TaskOrchestration? shim;

    /// <summary>Creates the shim for an instance with <paramref name="parent"/> (null for a top-level instance).</summary>
    public void Bind(ParentOrchestrationInstance? parent) => shim ??= shims.CreateOrchestration(name, orchestrator, parent);

    /// <inheritdoc />
    public override Task<string> Execute(OrchestrationContext context, string input)
    {
        Bind(null);
        return shim!.Execute(context, input);
    }

    /// <inheritdoc />
    public override string GetStatus() => shim?.GetStatus()!;

    /// <inheritdoc />
    public override void RaiseEvent(OrchestrationContext context, string name, string input) => shim?.RaiseEvent(context, name, input);
}
