using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OneWindow.Hosting.Invocation;
using OneWindow.Hosting.Queues;
using OneWindow.Hosting.Timers;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Hosting.Discovery;

/// <summary>Registers queue listeners and timer schedulers for discovered functions.</summary>
public static class TriggerServiceCollectionExtensions
{
    /// <summary>
    /// Adds a <see cref="QueueListener"/> per queue function and a <see cref="TimerScheduler"/> per timer function,
    /// the <see cref="IQueueMessageSender"/>, and the <see cref="FunctionInvoker"/>. Settings come from host.json
    /// (<c>extensions:queues</c>, <c>singleton</c>); the storage account from <c>AzureWebJobsStorage</c>.
    /// Queue names and schedules may contain <c>%Setting%</c> resolved from configuration.
    /// </summary>
    public static IServiceCollection AddQueueAndTimerTriggers(
        this IServiceCollection services,
        IEnumerable<FunctionDescriptor> functions,
        IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(configuration);
        var queueOptions = new QueueTriggerOptions();
        configuration.GetSection(QueueTriggerOptions.Section).Bind(queueOptions);
        configuration.GetSection("OneWindow:Queues").Bind(queueOptions); // the local host's own: LeaseDuration
        var timerOptions = new TimerTriggerOptions();
        configuration.GetSection("singleton").Bind(timerOptions);
        configuration.GetSection("OneWindow:Timers").Bind(timerOptions);
        var connection = queueOptions.ConnectionString ?? configuration["AzureWebJobsStorage"] ?? "UseDevelopmentStorage=true";
        var timerConnection = timerOptions.ConnectionString ?? connection;

        services.TryAddSingleton(TimeProvider.System);
        services.AddFunctionInvocation();
        services.TryAddSingleton(_ => new QueueServiceClient(connection));
        services.TryAddSingleton<IQueueMessageSender, QueueMessageSender>();
        services.TryAddSingleton(_ => new BlobServiceClient(timerConnection));
        foreach (var function in functions)
        {
            switch (function.TriggerAttribute)
            {
                case QueueTriggerAttribute queue:
                    var queueName = Resolve(queue.QueueName, configuration, function.Name);
                    services.AddSingleton<IHostedService>(sp => new QueueListener(
                        function,
                        queueName,
                        sp.GetRequiredService<QueueServiceClient>(),
                        sp.GetRequiredService<FunctionInvoker>(),
                        queueOptions,
                        sp.GetRequiredService<TimeProvider>(),
                        sp.GetRequiredService<ILogger<QueueListener>>()));
                    break;
                case TimerTriggerAttribute timer:
                    var schedule = Resolve(timer.Schedule, configuration, function.Name);
                    _ = TimerScheduler.ParseSchedule(schedule); // fail at start-up, not at first tick
                    services.AddSingleton<IHostedService>(sp => new TimerScheduler(
                        function,
                        schedule,
                        sp.GetRequiredService<BlobServiceClient>(),
                        sp.GetRequiredService<FunctionInvoker>(),
                        timerOptions,
                        sp.GetRequiredService<TimeProvider>(),
                        sp.GetRequiredService<ILogger<TimerScheduler>>()));
                    break;
            }
        }

        return services;
    }

    /// <summary>Replaces <c>%Name%</c> with the configuration value <c>Name</c>.</summary>
    public static string Resolve(string value, IConfiguration configuration, string functionName)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(configuration);
        if (value.Length > 2 && value[0] == '%' && value[^1] == '%')
        {
            var key = value[1..^1];
            return configuration[key] is { Length: > 0 } resolved
                ? resolved
                : throw new FunctionDiscoveryException($"Function '{functionName}': setting '{key}' is not configured.");
        }

        return value;
    }
}
