namespace OneWindow.Hosting;

/// <summary>
/// Binds a <c>DurableTaskClient</c> parameter to the client of the app's task hub (as in Durable Functions);
/// the same client is also injectable from the service provider.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class DurableClientAttribute : Attribute
{
}
