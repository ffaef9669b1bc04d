using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OneWindow.DurableTask;
using OneWindow.Hosting.Discovery;

namespace OneWindow.Hosting.Durable;

/// <summary>Wires discovered durable functions into the registry the durable worker uses.</summary>
public static class DurableFunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers a start-up step that adds every orchestration and activity function to the resolvable
    /// <see cref="DurableTaskRegistry"/>. Call it BEFORE <c>AddDurableTaskAzureStorage</c> so this hosted service
    /// starts (hosted services start in registration order) before the worker reads the registry.
    /// </summary>
    public static IServiceCollection AddDurableFunctions(this IServiceCollection services, IEnumerable<FunctionDescriptor> functions)
    {
        ArgumentNullException.ThrowIfNull(services);
        var durable = functions.Where(f => f.TriggerKind is FunctionTriggerKind.Orchestration or FunctionTriggerKind.Activity).ToList();
        services.AddSingleton<IHostedService>(sp => new DurableFunctionsRegistrar(sp, durable));
        return services;
    }
}
