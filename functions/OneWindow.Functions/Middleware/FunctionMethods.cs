using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Middleware;

/// <summary>
/// The method behind a function, found from its definition's entry point (<c>Namespace.Type.Method</c>) and assembly,
/// as functions.metadata names it; cached per function. Middleware reads its attributes ([Authorize], [AllowAnonymous]).
/// </summary>
public sealed class FunctionMethods
{
    private readonly ConcurrentDictionary<string, MethodInfo> methods = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<object>> declared = new(StringComparer.Ordinal);

    /// <summary>The method of <paramref name="definition"/>.</summary>
    /// <exception cref="InvalidOperationException">The entry point names no method carrying [Function].</exception>
    public MethodInfo Of(FunctionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return methods.GetOrAdd(definition.Id, _ => Find(definition));
    }

    /// <summary>The attributes on the function's class and then on its method, read once per function.</summary>
    public IReadOnlyList<object> DeclaredOn(FunctionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return declared.GetOrAdd(definition.Id, _ => DeclaredOn(Of(definition)));
    }

    /// <summary>True when the function's class or method carries <see cref="IAllowAnonymous"/>.</summary>
    public bool IsAnonymous(FunctionDefinition definition) => DeclaredOn(definition).OfType<IAllowAnonymous>().Any();

    /// <summary>The attributes on <paramref name="method"/>'s class and then on the method itself.</summary>
    public static IReadOnlyList<object> DeclaredOn(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return [.. method.DeclaringType!.GetCustomAttributes(inherit: true), .. method.GetCustomAttributes(inherit: true)];
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
