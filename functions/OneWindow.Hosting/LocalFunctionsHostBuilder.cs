using System.Reflection;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Azure.Cosmos;
using OneWindow.Hosting.Discovery;
using OneWindow.Hosting.Durable;
using OneWindow.Hosting.Health;
using OneWindow.Hosting.Http;
using OneWindow.Hosting.Identity;
using OneWindow.Hosting.Invocation;
using OneWindow.Hosting.Storage;
using OneWindow.Hosting.Telemetry;
using OneWindow.Hosting.Time;
using Scalar.AspNetCore;

namespace OneWindow.Hosting;

/// <summary>Builds a function app: services, configuration, and the function classes to run.</summary>
public sealed class LocalFunctionsHostBuilder
{
    private readonly WebApplicationBuilder web;
    private readonly List<Assembly> assemblies = [];

    internal LocalFunctionsHostBuilder(WebApplicationBuilder web)
    {
        this.web = web;
        Storage = StorageAccount.FromConfiguration(Configuration);
        Worker = new LocalWorkerApplicationBuilder(web.Services);
    }

    /// <summary>
    /// The worker builder the app configures itself through (its services and <c>UseMiddleware</c>), the same call Program.cs
    /// makes on Azure's builder; its middleware runs around every local invocation.
    /// </summary>
    public LocalWorkerApplicationBuilder Worker { get; }

    /// <summary>The storage account the host, its triggers and the durable runtime use.</summary>
    public StorageAccount Storage { get; }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services => web.Services;

    /// <summary>Configuration: host.json, appsettings, environment, command line.</summary>
    public ConfigurationManager Configuration => web.Configuration;

    /// <summary>The hosting environment.</summary>
    public IWebHostEnvironment Environment => web.Environment;

    /// <summary>Logging configuration.</summary>
    public ILoggingBuilder Logging => web.Logging;

    /// <summary>Adds the <c>[Function]</c> methods of <paramref name="functionAssemblies"/>.</summary>
    public LocalFunctionsHostBuilder AddFunctionsFrom(params Assembly[] functionAssemblies)
    {
        assemblies.AddRange(functionAssemblies);
        return this;
    }

    /// <summary>Builds the runnable app with every discovered function mapped or listening.</summary>
    public WebApplication Build()
    {
        var functions = FunctionDiscovery.Discover(assemblies.Distinct());
        if (Storage.ConnectionString is not null)
        {
            Configuration["AzureWebJobsStorage"] ??= Storage.ConnectionString;
        }

        var routePrefix = Configuration["extensions:http:routePrefix"] ?? "api";
        Services.AddSingleton(Worker.BuildPipeline());
        Services.AddProblemDetails();

        // CORS is the Functions host's in Azure (the app's siteConfig.cors, from the Bicep's corsOrigins): the local host
        // answers it the same way, for the configured front-end origins only (Cors:Origins:0, ...), preflights included.
        var origins = Configuration.GetSection("Cors:Origins").Get<string[]>() ?? [];
        Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(origins).AllowAnyMethod().AllowAnyHeader()));
        Services.Configure<HostOptions>(o =>
        {
            if (TimeSpan.TryParse(Configuration["Host:ShutdownTimeout"], System.Globalization.CultureInfo.InvariantCulture, out var timeout))
            {
                o.ShutdownTimeout = timeout;
            }
        });
        Services.AddQueueAndTimerTriggers(functions, Configuration);
        if (functions.Any(f => f.TriggerKind is FunctionTriggerKind.Orchestration or FunctionTriggerKind.Activity))
        {
            Services.AddDurableEngine(functions, Configuration, Storage);
        }

        var app = web.Build();

        // The host's own answers (unknown route, wrong method) carry the headers the app's middleware gives functions' answers.
        app.Use((context, next) =>
        {
            SecurityHeaders.AddOnStarting(context.Response);
            return next(context);
        });
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // The last resort for the host's own endpoints; functions' exceptions are answered by the app's worker middleware.
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            // A client's bad request (413, malformed framing) is the client's error, not a server fault to log as one.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages();
        app.UseCors();

        // No authentication or authorization here: every route is a function, and the app's worker middleware does both,
        // as it must in Azure, where the Functions host does neither (decision 0013).
        app.UseRouting();
        app.MapHttpFunctions(functions, routePrefix);
        return app;
    }
}
