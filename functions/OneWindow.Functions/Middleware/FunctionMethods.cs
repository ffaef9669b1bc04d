using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Middleware;

/// <summary>
/// The method behind a function, found from its definition's entry point (<c>Namespace.Type.Method</c>) and assembly,
/// as functions.metadata names it; cached per function. Middleware reads its attributes ([Authorize], [AllowAnonymous]).
/// </summary>
public sealed class FunctionMethods
{
    private readonly ConcurrentDictionary<string, MethodInfo> methods = new(StringComparer.Ordinal);

    /// <summary>The method of <paramref name="definition"/>.</summary>
    /// <exception cref="InvalidOperationException">The entry point names no method carrying [Function].</exception>
    public MethodInfo Of(FunctionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return methods.GetOrAdd(definition.Id, _ => Find(definition));
    }

    private static MethodInfo Find(FunctionDefinition definition)
    {
        var split = definition.EntryPoint.LastIndexOf('.');
        var typeName = definition.EntryPoint[..split];
        var methodName = definition.EntryPoint[(split + 1)..];
        var assemblyName = Path.GetFileNameWithoutExtension(definition.PathToAssembly);
        var type = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == assemblyName)?.GetType(typeName)
            ?? Type.GetType($"{typeName}, {assemblyName}")
            ?? throw new InvalidOperationException($"Function '{definition.Name}': no type {typeName} in {assemblyName}.");
        return type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .FirstOrDefault(m => m.Name == methodName && m.GetCustomAttribute<FunctionAttribute>()?.Name == definition.Name)
            ?? throw new InvalidOperationException($"Function '{definition.Name}': no [Function] method {methodName} on {typeName}.");
    }
}
