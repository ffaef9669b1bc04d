using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Hosting.Discovery;

/// <summary>Finds <c>[Function]</c> methods in assemblies and checks each has exactly one trigger.</summary>
public static class FunctionDiscovery
{
    private const BindingFlags MethodFlags =
        BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Discovers every function in <paramref name="assemblies"/>, ordered by name.</summary>
    /// <exception cref="FunctionDiscoveryException">A method has no trigger or several, or two functions share a name.</exception>
    public static IReadOnlyList<FunctionDescriptor> Discover(IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var found = new List<FunctionDescriptor>();
        var byName = new Dictionary<string, FunctionDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var assembly in assemblies.Distinct())
        {
            foreach (var type in LoadableTypes(assembly).Where(t => t.IsClass))
            {
                foreach (var method in type.GetMethods(MethodFlags))
                {
                    var function = method.GetCustomAttribute<FunctionAttribute>();
                    if (function is null)
                    {
                        continue;
                    }

                    var descriptor = Describe(function.Name, type, method);
                    if (byName.TryGetValue(descriptor.Name, out var existing))
                    {
                        throw new FunctionDiscoveryException(
                            $"Function name '{descriptor.Name}' is declared twice: {Where(existing.Method)} and {Where(method)}.");
                    }

                    byName.Add(descriptor.Name, descriptor);
                    found.Add(descriptor);
                }
            }
        }

        return found.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Describes one method carrying <c>[Function(name)]</c>.</summary>
    public static FunctionDescriptor Describe(string name, Type declaringType, MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(declaringType);
        ArgumentNullException.ThrowIfNull(method);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new FunctionDiscoveryException($"{Where(method)} has an empty [Function] name.");
        }

        if (declaringType.IsAbstract && !method.IsStatic)
        {
            throw new FunctionDiscoveryException($"{Where(method)} is an instance method of an abstract class.");
        }

        if (method.IsGenericMethodDefinition || declaringType.ContainsGenericParameters)
        {
            throw new FunctionDiscoveryException($"{Where(method)} is generic; functions cannot be generic.");
        }

        var triggers = new List<(ParameterInfo Parameter, Attribute Attribute, FunctionTriggerKind Kind)>();
        foreach (var parameter in method.GetParameters())
        {
            foreach (var attribute in parameter.GetCustomAttributes(inherit: false).OfType<Attribute>())
            {
                var kind = KindOf(attribute);
                if (kind is not null)
                {
                    triggers.Add((parameter, attribute, kind.Value));
                }
            }
        }

        if (triggers.Count == 0)
        {
            throw new FunctionDiscoveryException(
                $"Function '{name}' ({Where(method)}) has no trigger parameter; mark exactly one parameter with [HttpTrigger], [QueueTrigger], [TimerTrigger], [OrchestrationTrigger] or [ActivityTrigger].");
        }

        if (triggers.Count > 1)
        {
            throw new FunctionDiscoveryException(
                $"Function '{name}' ({Where(method)}) has {triggers.Count} trigger parameters ({string.Join(", ", triggers.Select(t => t.Parameter.Name))}); exactly one is allowed.");
        }

        var trigger = triggers[0];
        var descriptor = new FunctionDescriptor(name, declaringType, method, trigger.Kind, trigger.Attribute, trigger.Parameter);
        foreach (var parameter in method.GetParameters().Where(p => p.Position != trigger.Parameter.Position))
        {
            if (!IsBindable(descriptor, parameter))
            {
                throw new FunctionDiscoveryException(
                    $"Function '{name}' ({Where(method)}): the worker cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}). "
                    + "Parameters are the trigger, [DurableClient], FunctionContext, CancellationToken, route values or trigger metadata by name; take services through the constructor.");
            }
        }

        return descriptor;
    }

    // What the isolated worker binds besides the trigger; anything else fails there, so it fails here too, at start-up.
    private static bool IsBindable(FunctionDescriptor function, ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (type == typeof(CancellationToken) || type == typeof(FunctionContext) || parameter.IsDefined(typeof(DurableClientAttribute), false))
        {
            return true;
        }

        return function.TriggerAttribute switch
        {
            HttpTriggerAttribute http => type == typeof(Microsoft.AspNetCore.Http.HttpRequest)
                || (http.Route ?? string.Empty).Contains("{" + parameter.Name, StringComparison.OrdinalIgnoreCase),
            QueueTriggerAttribute => QueueBindingData.Contains(parameter.Name ?? string.Empty),
            // The orchestrator's input follows its context (Durable Functions binds it from the start event).
            OrchestrationTriggerAttribute => function.Method.GetParameters().Count(p => p.Position != function.TriggerParameter.Position
                && p.ParameterType != typeof(CancellationToken) && p.ParameterType != typeof(FunctionContext)) == 1,
            _ => false,
        };
    }

    private static readonly HashSet<string> QueueBindingData = new(StringComparer.OrdinalIgnoreCase)
    {
        "Id", "DequeueCount", "InsertionTime", "ExpirationTime", "NextVisibleTime", "PopReceipt", "QueueTrigger",
    };

    private static FunctionTriggerKind? KindOf(Attribute attribute) => attribute switch
    {
        HttpTriggerAttribute => FunctionTriggerKind.Http,
        QueueTriggerAttribute => FunctionTriggerKind.Queue,
        TimerTriggerAttribute => FunctionTriggerKind.Timer,
        OrchestrationTriggerAttribute => FunctionTriggerKind.Orchestration,
        ActivityTriggerAttribute => FunctionTriggerKind.Activity,
        _ => null,
    };

    private static string Where(MethodInfo method) => $"{method.DeclaringType?.FullName}.{method.Name}";

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            // A type whose dependency is missing cannot hold a runnable function; the loadable rest still can.
            return e.Types.Where(t => t is not null)!;
        }
    }
}
