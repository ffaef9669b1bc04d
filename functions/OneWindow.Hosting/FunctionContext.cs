using System.Diagnostics;

namespace OneWindow.Hosting;

/// <summary>What a function invocation knows about itself: name, id, scoped services, binding data and trace context.</summary>
public sealed class FunctionContext
{
    /// <summary>Creates the context of one invocation.</summary>
    public FunctionContext(
        string functionName,
        string invocationId,
        IServiceProvider instanceServices,
        IReadOnlyDictionary<string, object?> bindingData,
        CancellationToken cancellationToken,
        ActivityContext? traceContext = null)
    {
        FunctionName = functionName;
        InvocationId = invocationId;
        InstanceServices = instanceServices;
        BindingData = bindingData;
        CancellationToken = cancellationToken;
        TraceContext = traceContext;
    }

    /// <summary>The name from <see cref="FunctionAttribute"/>.</summary>
    public string FunctionName { get; }

    /// <summary>A unique id of this invocation.</summary>
    public string InvocationId { get; }

    /// <summary>The services of the invocation's DI scope.</summary>
    public IServiceProvider InstanceServices { get; }

    /// <summary>Trigger metadata (route values, queue message id, dequeue count, ...).</summary>
    public IReadOnlyDictionary<string, object?> BindingData { get; }

    /// <summary>Cancelled when the host shuts down or the request is aborted.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The W3C trace context the invocation continues, when one came with the trigger.</summary>
    public ActivityContext? TraceContext { get; }
}
