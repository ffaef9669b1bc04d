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
using OneWindow.Hosting.Discovery;
using OneWindow.Hosting.Http;

namespace OneWindow.Hosting;

/// <summary>Builds a function app: services, configuration, and the function classes to run.</summary>
public sealed class FunctionsApplicationBuilder
{
    private readonly WebApplicationBuilder web;
    private readonly List<Assembly> assemblies = [];

    internal FunctionsApplicationBuilder(WebApplicationBuilder web) => this.web = web;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services => web.Services;

    /// <summary>Configuration: host.json, appsettings, environment, command line.</summary>
    public ConfigurationManager Configuration => web.Configuration;

    /// <summary>The hosting environment.</summary>
    public IWebHostEnvironment Environment => web.Environment;

    /// <summary>Logging configuration.</summary>
    public ILoggingBuilder Logging => web.Logging;

    /// <summary>Adds the <c>[Function]</c> methods of <paramref name="functionAssemblies"/>.</summary>
    public FunctionsApplicationBuilder AddFunctionsFrom(params Assembly[] functionAssemblies)
    {
        assemblies.AddRange(functionAssemblies);
        return this;
    }

    /// <summary>Builds the runnable app with every discovered function mapped or listening.</summary>
    public WebApplication Build()
    {
        var functions = FunctionDiscovery.Discover(assemblies.Distinct());
        var storage = Configuration["ConnectionStrings:Storage"] ?? Configuration["AzureWebJobsStorage"] ?? "UseDevelopmentStorage=true";
        Configuration["AzureWebJobsStorage"] ??= storage;
        Services.TryAddSingleton(TimeProvider.System);
        Services.TryAddSingleton(_ => new BlobServiceClient(storage));
        Services.TryAddSingleton(_ => new QueueServiceClient(storage));
        Services.TryAddSingleton(_ => new TableServiceClient(storage));
        Services.AddProblemDetails();
        Services.Configure<HostOptions>(o =>
        {
            if (TimeSpan.TryParse(Configuration["Host:ShutdownTimeout"], System.Globalization.CultureInfo.InvariantCulture, out var timeout))
            {
                o.ShutdownTimeout = timeout;
            }
        });
        if (long.TryParse(Configuration["extensions:http:maxRequestBodySize"], out var maxBody))
        {
            web.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxBody);
        }

        Services.AddQueueAndTimerTriggers(functions, Configuration);
        var app = web.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.MapHttpFunctions(functions, Configuration["extensions:http:routePrefix"] ?? "api");
        return app;
    }
}
