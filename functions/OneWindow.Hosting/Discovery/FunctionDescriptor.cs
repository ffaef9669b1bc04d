using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Hosting.Discovery;

/// <summary>One discovered <c>[Function]</c> method and its single trigger.</summary>
/// <param name="Name">The function name from <see cref="FunctionAttribute"/>, unique in the app.</param>
/// <param name="DeclaringType">The class holding the method; created per invocation unless the method is static.</param>
/// <param name="Method">The function method.</param>
/// <param name="TriggerKind">Which trigger starts the function.</param>
/// <param name="TriggerAttribute">The trigger attribute on <paramref name="TriggerParameter"/>.</param>
/// <param name="TriggerParameter">The parameter that receives the trigger payload.</param>
public sealed record FunctionDescriptor(
    string Name,
    Type DeclaringType,
    MethodInfo Method,
    FunctionTriggerKind TriggerKind,
    Attribute TriggerAttribute,
    ParameterInfo TriggerParameter);
