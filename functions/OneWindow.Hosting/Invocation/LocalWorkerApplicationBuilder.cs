using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace OneWindow.Hosting.Invocation;

/// <summary>
/// The local host's <see cref="IFunctionsWorkerApplicationBuilder"/>: the app's own configuration code
/// (<c>UseMiddleware&lt;T&gt;()</c>, <c>UseWhen</c>) runs against it unchanged, and the middleware it collects becomes
/// the <see cref="FunctionPipeline"/> every local invocation goes through, in the order Azure would run it.
/// </summary>
public sealed class LocalWorkerApplicationBuilder(IServiceCollection services) : IFunctionsWorkerApplicationBuilder
{
    private readonly List<Func<FunctionExecutionDelegate, FunctionExecutionDelegate>> middleware = [];

    /// <inheritdoc />
    public IServiceCollection Services { get; } = services;

    /// <inheritdoc />
    public IFunctionsWorkerApplicationBuilder Use(Func<FunctionExecutionDelegate, FunctionExecutionDelegate> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        this.middleware.Add(middleware);
        return this;
    }

    /// <summary>The pipeline of everything registered so far, ending in the function itself.</summary>
    public FunctionPipeline BuildPipeline()
    {
        FunctionExecutionDelegate run = FunctionPipeline.RunFunctionAsync;
        for (var i = middleware.Count - 1; i >= 0; i--)
        {
            run = middleware[i](run);
        }

        return new FunctionPipeline(run, middleware.Count);
    }
}
