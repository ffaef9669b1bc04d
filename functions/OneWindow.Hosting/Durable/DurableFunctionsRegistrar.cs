using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OneWindow.DurableTask;
using OneWindow.Hosting.Discovery;

namespace OneWindow.Hosting.Durable;

/// <summary>Adds durable functions to the registry at start-up, when the service provider exists.</summary>
internal sealed class DurableFunctionsRegistrar(IServiceProvider services, IReadOnlyList<FunctionDescriptor> functions) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<DurableTaskRegistry>().AddFunctions(functions, services);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
