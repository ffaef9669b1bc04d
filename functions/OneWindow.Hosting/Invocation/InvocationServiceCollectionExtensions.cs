using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OneWindow.Hosting.Discovery;

namespace OneWindow.Hosting.Invocation;

/// <summary>What every trigger of the local host invokes functions through.</summary>
public static class InvocationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="FunctionInvoker"/> and, unless the host registered the app's own, a <see cref="FunctionPipeline"/>
    /// without middleware (hosts that run bare functions: tests, benchmarks).
    /// </summary>
    public static IServiceCollection AddFunctionInvocation(this IServiceCollection services)
    {
        services.TryAddSingleton<FunctionInvoker>();
        services.TryAddSingleton(_ => new LocalWorkerApplicationBuilder(new ServiceCollection()).BuildPipeline());
        return services;
    }
}
