using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;
using OneWindow.Hosting.Discovery;

namespace OneWindow.Hosting.Invocation;

/// <summary>A function as the worker describes it to middleware: name, entry point, assembly, parameters and bindings (the <c>functions.metadata</c> view).</summary>
public sealed class LocalFunctionDefinition : FunctionDefinition
{
    /// <summary>Describes <paramref name="function"/>.</summary>
    public LocalFunctionDefinition(FunctionDescriptor function)
    {
        ArgumentNullException.ThrowIfNull(function);
        Function = function;
        Name = function.Name;
        Id = function.Name;
        EntryPoint = $"{function.DeclaringType.FullName}.{function.Method.Name}";
        PathToAssembly = function.DeclaringType.Assembly.Location;
        Parameters = [.. function.Method.GetParameters().Select(p => new FunctionParameter(p.Name ?? "", p.ParameterType))];
        var inputs = ImmutableDictionary.CreateBuilder<string, BindingMetadata>();
        var trigger = function.TriggerParameter.Name ?? "trigger";
        inputs.Add(trigger, new LocalBindingMetadata(trigger, BindingTypeOf(function.TriggerKind), BindingDirection.In));
        foreach (var client in function.Method.GetParameters().Where(p => p.IsDefined(typeof(DurableClientAttribute), false)))
        {
            inputs.Add(client.Name!, new LocalBindingMetadata(client.Name!, "durableClient", BindingDirection.In));
        }

        InputBindings = inputs.ToImmutable();
        OutputBindings = function.TriggerKind == FunctionTriggerKind.Http
            ? ImmutableDictionary<string, BindingMetadata>.Empty.Add("$return", new LocalBindingMetadata("$return", "http", BindingDirection.Out))
            : ImmutableDictionary<string, BindingMetadata>.Empty;
    }

    /// <summary>The discovered method behind the definition.</summary>
    public FunctionDescriptor Function { get; }

    /// <inheritdoc />
    public override ImmutableArray<FunctionParameter> Parameters { get; }

    /// <inheritdoc />
    public override string PathToAssembly { get; }

    /// <inheritdoc />
    public override string EntryPoint { get; }

    /// <inheritdoc />
    public override string Id { get; }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override IImmutableDictionary<string, BindingMetadata> InputBindings { get; }

    /// <inheritdoc />
    public override IImmutableDictionary<string, BindingMetadata> OutputBindings { get; }

    /// <summary>The binding type <c>functions.metadata</c> gives a trigger of <paramref name="kind"/>.</summary>
    public static string BindingTypeOf(FunctionTriggerKind kind) => kind switch
    {
        FunctionTriggerKind.Http => "httpTrigger",
        FunctionTriggerKind.Queue => "queueTrigger",
        FunctionTriggerKind.Timer => "timerTrigger",
        FunctionTriggerKind.Orchestration => "orchestrationTrigger",
        FunctionTriggerKind.Activity => "activityTrigger",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown trigger kind."),
    };
}
