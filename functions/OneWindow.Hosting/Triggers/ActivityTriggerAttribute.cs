namespace OneWindow.Hosting;

/// <summary>
/// Binds an activity's input parameter (JSON-deserialised): the function is an activity of the durable
/// runtime, registered under the function's name.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class ActivityTriggerAttribute : Attribute
{
}
