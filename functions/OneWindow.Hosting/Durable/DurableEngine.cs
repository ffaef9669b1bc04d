using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OneWindow.Hosting.Discovery;

namespace OneWindow.Hosting.Durable;

/// <summary>
/// The durable engine of the local host: DTFx's <see cref="TaskHubWorker"/> over the Azure Storage provider (what Durable
/// Functions runs in Azure), running the app's <c>[OrchestrationTrigger]</c> and <c>[ActivityTrigger]</c> functions through
/// Microsoft.DurableTask's shims, with the data converter of the worker on both sides.
/// </summary>
/// <param name="settings">The provider settings (task hub, partitions, concurrency, this process's worker id).</param>
/// <param name="service">The provider, shared with the client.</param>
/// <param name="options">host.json's durableTask options.</param>
/// <param name="functions">The discovered orchestration and activity functions.</param>
/// <param name="services">The root services the functions' classes are created from.</param>
/// <param name="loggerFactory">Loggers for DTFx and the shims.</param>
/// <param name="converter">The worker's data converter.</param>
public sealed class DurableEngine(
    AzureStorageOrchestrationServiceSettings settings,
    AzureStorageOrchestrationService service,
    DurableTaskHostOptions options,
    IReadOnlyList<FunctionDescriptor> functions,
    IServiceProvider services,
    ILoggerFactory loggerFactory,
    DataConverter converter) : IHostedService, IAsyncDisposable
{
    private TaskHubWorker? worker;

    /// <summary>True once the worker listens on the task hub.</summary>
    public bool IsStarted { get; private set; }

    /// <summary>This process's worker id (partition owner name).</summary>
    public string WorkerId { get; } = settings.WorkerId;

    /// <summary>The task hub name.</summary>
    public string TaskHubName { get; } = settings.TaskHubName;

    /// <summary>
    /// Tests only: wraps the provider before <see cref="SubOrchestrationStartDedupe"/> completes work items with it (to
    /// simulate a host that dies between the provider's two commit steps). Set before <see cref="StartAsync"/>.
    /// </summary>
    internal Func<AzureStorageOrchestrationService, IOrchestrationService>? ProviderWrapper { get; set; }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await service.CreateIfNotExistsAsync().ConfigureAwait(false);
        var workerOptions = new DurableTaskWorkerOptions { DataConverter = converter };
        if (!string.IsNullOrEmpty(options.DefaultVersion))
        {
            // Sub-orchestrations without a version start with the default version, as in Durable Functions; which versions
            // this host runs is decided by the dispatch middleware, so the shim does not check again.
            workerOptions.Versioning = new DurableTaskWorkerOptions.VersioningOptions
            {
                Version = options.DefaultVersion,
                DefaultVersion = options.DefaultVersion,
                MatchStrategy = DurableTaskWorkerOptions.VersionMatchStrategy.None,
            };
        }

        var shims = new DurableTaskShimFactory(workerOptions, loggerFactory);
        var orchestrations = new FunctionObjectManager<TaskOrchestration>();
        var activities = new FunctionObjectManager<TaskActivity>();
        foreach (var function in functions)
        {
            var name = function.Name;
            switch (function.TriggerKind)
            {
                case FunctionTriggerKind.Orchestration:
                    var orchestrator = new FunctionOrchestrator(function, services);
                    orchestrations.Add(new FunctionObjectCreator<TaskOrchestration>(name, () => new FunctionOrchestration(name, orchestrator, shims)));
                    break;
                case FunctionTriggerKind.Activity:
                    var activity = new FunctionActivity(function, services);
                    activities.Add(new FunctionObjectCreator<TaskActivity>(name, () => shims.CreateActivity(name, activity)));
                    break;
            }
        }

        // The provider restarts an existing sub-orchestration when a parent's episode runs again after a crash between its
        // messages and its history (decision 0014): the worker runs on a decorator that drops such replayed starts.
        var logger = loggerFactory.CreateLogger<DurableEngine>();
        // The same commit order lets a response from the lost run of an episode answer another scheduling with the same
        // sequence number in the run that replaced it (decision 0016): responses are stamped and checked.
        var provider = new StaleResponseFilter(new SubOrchestrationStartDedupe(ProviderWrapper?.Invoke(service) ?? service, service, logger), logger);
        worker = new TaskHubWorker(provider, orchestrations, activities, loggerFactory);
        var middleware = new OrchestrationDispatchMiddleware(options, logger);
        worker.AddOrchestrationDispatcherMiddleware(middleware.InvokeAsync);
        await worker.StartAsync().ConfigureAwait(false);
        IsStarted = true;
        logger.LogInformation(
            "Durable engine started: task hub {TaskHub}, worker {WorkerId}, {Orchestrations} orchestrations, {Activities} activities.",
            TaskHubName, WorkerId, orchestrations.Names.Count, activities.Names.Count);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        IsStarted = false;
        var running = Interlocked.Exchange(ref worker, null);
        if (running is not null)
        {
            // Not forced: in-flight work items finish or are abandoned so another host can take them at once.
            await running.StopAsync(isForced: false).ConfigureAwait(false);
            running.Dispose();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Disposed by the container after StopAsync, or alone (tests, benchmarks): at most once either way.
        var running = Interlocked.Exchange(ref worker, null);
        if (running is not null)
        {
            await running.StopAsync(isForced: true).ConfigureAwait(false);
            running.Dispose();
        }
    }
}
