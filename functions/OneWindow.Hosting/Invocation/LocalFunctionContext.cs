using System.Diagnostics;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Hosting.Invocation;

/// <summary>
/// The <see cref="FunctionContext"/> the local host gives worker middleware and functions: the parts middleware reads
/// behave as in Azure (<c>GetHttpContext()</c> through <see cref="Items"/>, <see cref="FunctionDefinition"/>, binding data,
/// trace context, retry count). Decision 0013 says why the local host builds this instead of speaking the host–worker protocol.
/// </summary>
public sealed class LocalFunctionContext : FunctionContext
{
    /// <summary>The key under which the Functions ASP.NET Core integration keeps the request's HttpContext (<c>GetHttpContext()</c> reads it).</summary>
    public const string HttpContextKey = "HttpRequestContext";

    private readonly LocalFunctionDefinition definition;

    /// <summary>Creates the context of one invocation of <paramref name="definition"/>.</summary>
    public LocalFunctionContext(
        LocalFunctionDefinition definition,
        IServiceProvider instanceServices,
        IReadOnlyDictionary<string, object?> bindingData,
        CancellationToken cancellationToken,
        int retryCount = 0,
        int maxRetryCount = 0,
        ActivityContext? traceContext = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        this.definition = definition;
        InstanceServices = instanceServices;
        BindingContext = new LocalBindingContext(bindingData);
        CancellationToken = cancellationToken;
        RetryContext = new LocalRetryContext(retryCount, maxRetryCount);
        TraceContext = new LocalTraceContext(traceContext ?? Activity.Current?.Context);
    }

    /// <inheritdoc />
    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    /// <inheritdoc />
    public override string FunctionId => definition.Id;

    /// <inheritdoc />
    public override TraceContext TraceContext { get; }

    /// <inheritdoc />
    public override BindingContext BindingContext { get; }

    /// <inheritdoc />
    public override RetryContext RetryContext { get; }

    /// <inheritdoc />
    public override IServiceProvider InstanceServices { get; set; }

    /// <inheritdoc />
    public override FunctionDefinition FunctionDefinition => definition;

    /// <inheritdoc />
    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    /// <inheritdoc />
    public override IInvocationFeatures Features { get; } = new LocalInvocationFeatures();

    /// <inheritdoc />
    public override CancellationToken CancellationToken { get; }

    /// <summary>The function itself: the pipeline's last step (set by the host before the pipeline runs).</summary>
    internal Func<LocalFunctionContext, Task<object?>>? Function { get; set; }

    /// <summary>What the function returned, once the pipeline reached it (null before, or for void functions).</summary>
    public object? Result { get; internal set; }

    /// <summary>True once the pipeline's last step ran the function (middleware may answer without it).</summary>
    public bool FunctionRan { get; internal set; }
}
