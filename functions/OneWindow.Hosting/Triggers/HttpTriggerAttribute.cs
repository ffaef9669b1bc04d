namespace OneWindow.Hosting;

/// <summary>
/// Binds an <c>HttpRequest</c> parameter to HTTP requests on <see cref="Route"/> (below the route prefix of
/// host.json, <c>api</c> by default) with the given methods.
/// </summary>
/// <remarks>
/// Other parameters of the method are bound by type (<c>CancellationToken</c>, <c>FunctionContext</c>,
/// <c>DurableTaskClient</c>, any registered service) or, for simple types, by name from the route values.
/// The method returns <c>IResult</c> or <c>Task&lt;IResult&gt;</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class HttpTriggerAttribute(params string[] methods) : Attribute
{
    /// <summary>HTTP methods, e.g. <c>"get"</c>, <c>"post"</c>.</summary>
    public IReadOnlyList<string> Methods { get; } = methods;

    /// <summary>The route template below the route prefix, e.g. <c>catalog/items/{code}</c>.</summary>
    public string? Route { get; set; }
}
