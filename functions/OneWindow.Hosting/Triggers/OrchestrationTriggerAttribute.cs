namespace OneWindow.Hosting;

/// <summary>
/// Binds a <c>TaskOrchestrationContext</c> parameter: the function is an orchestrator, registered under the function's
/// name. Versions are not registrations (as in Durable Functions): one function per name branches on
/// <c>context.Version</c>, and host.json <c>defaultVersion</c> says what new instances start with.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class OrchestrationTriggerAttribute : Attribute
{
}
