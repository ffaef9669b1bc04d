using System.Text.Json;
using Azure.Core.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OneWindow.Functions.Applications;
using OneWindow.Functions.Catalog;
using OneWindow.Functions.Delivery;
using OneWindow.Functions.Enquiries;
using OneWindow.Functions.Licences;
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
        services.AddDelivery(configuration);
        services.AddSupervision(configuration, environment);
        services.AddLicences(configuration);
        services.AddEnquiries(configuration);

        // Trigger payloads (queue messages, activity inputs) bind with the web defaults our senders write with.
        services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        services.AddSingleton<FunctionMethods>();

        // Answers name no server (Kestrel's Server header: the worker's in Azure, the local host's here), and every
        // problem, the framework's own (404, 405, 413, ...) included, says what went wrong.
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Detail ??= ProblemDetail(c.HttpContext, c.ProblemDetails.Status));
        services.AddSingleton(RateLimitOptions.From(configuration));
        worker.UseMiddleware<QueueTraceMiddleware>();
        worker.UseMiddleware<SecurityHeadersMiddleware>();
        worker.UseMiddleware<ProblemMiddleware>();
        worker.UseMiddleware<RateLimitMiddleware>();
        worker.UseMiddleware<RequestBodyLimitMiddleware>();
        worker.UseMiddleware<AuthorizationMiddleware>();

        // Last, once every logger provider (the host's console, the Functions worker's channel to Azure, ...) is
        // registered: wraps each so an ID or mobile number a log line forgot to mask is masked before it is written.
        services.AddPersonalDataMaskingInLogs();
        return worker;
    }

    /// <summary>The detail of a problem written without one (the framework's answers, by status).</summary>
    private static string ProblemDetail(HttpContext http, int? status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request could not be read.",
        StatusCodes.Status401Unauthorized => "A valid bearer token is required.",
        StatusCodes.Status403Forbidden => "The caller's roles do not allow this operation.",
        StatusCodes.Status404NotFound => $"Nothing is at {http.Request.Path}; /api/openapi.json lists the API's routes.",
        StatusCodes.Status405MethodNotAllowed => $"{http.Request.Path} does not accept {http.Request.Method}; /api/openapi.json lists the methods it does.",
        StatusCodes.Status413PayloadTooLarge => "The request body is larger than this API accepts.",
        StatusCodes.Status415UnsupportedMediaType => "The request's content type is not accepted; send application/json.",
        >= 500 => "The request failed on the server; it has been logged.",
        _ => ReasonPhrases.GetReasonPhrase(status ?? StatusCodes.Status500InternalServerError) + ".",
    };
}
