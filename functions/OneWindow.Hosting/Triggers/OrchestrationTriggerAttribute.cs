namespace OneWindow.Hosting;

/// <summary>
/// Binds a <c>TaskOrchestrationContext</c> parameter: the function is an orchestrator of the durable runtime,
/// registered under the function's name and <see cref="Version"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class OrchestrationTriggerAttribute : Attribute
{
    /// <summary>The orchestrator version; instances keep the version they started with. Empty means unversioned.</summary>
    public string Version { get; set; } = string.Empty;
}
