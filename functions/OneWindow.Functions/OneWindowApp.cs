using System.Text.Json;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OneWindow.Functions.Applications;
using OneWindow.Functions.Catalog;
using OneWindow.Functions.Middleware;
using OneWindow.Functions.Review;
using OneWindow.Functions.Supervision;
using OneWindow.Hosting;
using OneWindow.Hosting.Telemetry;

namespace OneWindow.Functions;

/// <summary>
/// The one registration of OneWindow's services, options and worker middleware. Program.cs calls it on Azure's worker
/// builder; the local host calls it on its own <see cref="IFunctionsWorkerApplicationBuilder"/>; nothing is configured elsewhere.
/// </summary>
public static class OneWindowApp
{
    /// <summary>Adds the platform, every feature and the middleware, in the order Azure and the local host both run it.</summary>
    public static IFunctionsWorkerApplicationBuilder AddOneWindow(this IFunctionsWorkerApplicationBuilder worker, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var services = worker.Services;
        services.AddPlatform(configuration, environment);
        services.AddCatalog(configuration);
        services.AddApplications(configuration, environment);
        services.AddReview(configuration, environment);
        services.AddSupervision(configuration, environment);

        // Trigger payloads (queue messages, activity inputs) bind with the web defaults our senders write with.
        services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        services.AddSingleton<FunctionMethods>();
        services.AddSingleton(RateLimitOptions.From(configuration));
        worker.UseMiddleware<QueueTraceMiddleware>();
        worker.UseMiddleware<ProblemMiddleware>();
        worker.UseMiddleware<RateLimitMiddleware>();
        worker.UseMiddleware<RequestBodyLimitMiddleware>();
        worker.UseMiddleware<AuthorizationMiddleware>();

        // Last, once every logger provider (the host's console, the Functions worker's channel to Azure, ...) is
        // registered: wraps each so an ID or mobile number a log line forgot to mask is masked before it is written.
        services.AddPersonalDataMaskingInLogs();
        return worker;
    }
}
