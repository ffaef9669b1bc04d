namespace OneWindow.Hosting;

/// <summary>
/// Marks a method as a function the host runs, as in Azure Functions. The method's trigger is declared by the
/// attribute on one of its parameters (<see cref="HttpTriggerAttribute"/>, <see cref="QueueTriggerAttribute"/>,
/// <see cref="TimerTriggerAttribute"/>, <see cref="OrchestrationTriggerAttribute"/>, <see cref="ActivityTriggerAttribute"/>).
/// </summary>
/// <remarks>
/// The declaring class is created per invocation from the host's service provider (constructor injection),
/// so a function class is small and stateless. Other attributes on the method or class (for example
/// <c>[Authorize]</c>, <c>[AllowAnonymous]</c>, <c>[ProducesResponseType]</c>, <c>[Tags]</c>) become endpoint metadata
/// of an HTTP function.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class FunctionAttribute(string name) : Attribute
{
    /// <summary>The function's name: unique in the app; orchestrations and activities are called by it.</summary>
    public string Name { get; } = name;
}
