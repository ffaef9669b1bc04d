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
using OneWindow.Hosting.Storage;
using OneWindow.Hosting.Telemetry;
using OneWindow.Hosting.Time;
using Scalar.AspNetCore;

namespace OneWindow.Hosting;

/// <summary>Builds a function app: services, configuration, and the function classes to run.</summary>
public sealed class FunctionsApplicationBuilder
{
    private readonly WebApplicationBuilder web;
    private readonly List<Assembly> assemblies = [];

    internal FunctionsApplicationBuilder(WebApplicationBuilder web)
    {
        this.web = web;
        Storage = StorageAccount.FromConfiguration(Configuration);
        var cosmos = CosmosAccount.CreateClient(Configuration);
        if (Environment.IsDevelopment())
        {
            // Registered first, so features' TryAdd(TimeProvider.System) leave it in place.
            var clock = new DevelopmentClock();
            Services.AddSingleton(clock);
            Services.AddSingleton<TimeProvider>(clock);
            Services.AddSingleton(sp => new DevelopmentClockStore(sp.GetRequiredService<BlobServiceClient>(), Configuration["extensions:durableTask:hubName"] ?? "TestHubName"));
        }

        Services.TryAddSingleton(TimeProvider.System);
        Services.AddSingleton(Storage);
        Services.AddSingleton(_ => Storage.CreateBlobServiceClient());
        Services.AddSingleton(_ => Storage.CreateQueueServiceClient());
        Services.AddSingleton(_ => Storage.CreateTableServiceClient());
        if (cosmos is not null)
        {
            Services.AddSingleton(cosmos);
        }

        // Hosted services start in registration order: storage first, then the development signing key, then
        // whatever features add (seeds, listeners, the durable worker).
        Services.AddHostedService<StorageProvisioner>();
        if (Environment.IsDevelopment())
        {
            Services.AddHostedService<DevelopmentClockSync>();
        }

        Services.AddPlatformIdentity(Configuration, Environment);
        Services.AddPlatformHealthChecks(cosmos is not null);
        Services.AddPlatformTelemetry(Configuration);
    }

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
    public FunctionsApplicationBuilder AddFunctionsFrom(params Assembly[] functionAssemblies)
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
        if (functions.Any(f => f.TriggerKind is FunctionTriggerKind.Orchestration or FunctionTriggerKind.Activity))
        {
            Services.AddDurableEngine(functions, Configuration, Storage);
        }

        Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "OneWindow";
            document.Info.Description = "One-stop government services: catalog, applications, department work, supervision and licences.";
            return Task.CompletedTask;
        }));
        var app = web.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // An event for an orchestration that has not started yet was not sent (TaskHubDurableTaskClient): retry later.
            StatusCodeSelector = e => e switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                InstanceNotStartedException => StatusCodes.Status503ServiceUnavailable,
                InstanceNotRunningException => StatusCodes.Status409Conflict,
                InstanceNotFoundException => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status500InternalServerError,
            },
            // A client's bad request (413, malformed framing) is the client's error, not a server fault to log as one.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages();

        // An event for an orchestration that has not started yet was not sent: a problem the caller can retry, with Retry-After.
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (InstanceNotStartedException e) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.Headers.RetryAfter = "2";
                await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not started yet",
                    detail: $"The case's orchestration has not started yet ({e.InstanceId}); nothing was changed. Retry in a few seconds.").ExecuteAsync(context).ConfigureAwait(false);
            }
            catch (InstanceNotRunningException e) when (!context.Response.HasStarted)
            {
                // The workflow the request wanted to tell has ended (the decision was already taken, the case closed).
                context.Response.Clear();
                await Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Workflow ended",
                    detail: $"The case's orchestration {e.InstanceId} is {e.Status}; it takes no more events.").ExecuteAsync(context).ConfigureAwait(false);
            }
            catch (InstanceNotFoundException e) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No workflow",
                    detail: $"No orchestration {e.InstanceId} exists for this case.").ExecuteAsync(context).ConfigureAwait(false);
            }
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPlatformHealth();
        var openApi = "/" + string.Join('/', new[] { routePrefix.Trim('/'), "openapi.json" }.Where(s => s.Length > 0));
        app.MapOpenApi(openApi).AllowAnonymous();
        app.MapScalarApiReference("/" + string.Join('/', new[] { routePrefix.Trim('/'), "docs" }.Where(s => s.Length > 0)), o =>
        {
            o.WithTitle("OneWindow API");
            o.WithOpenApiRoutePattern(openApi);
        }).AllowAnonymous();
        if (Environment.IsDevelopment())
        {
            app.MapDevelopmentTokens(routePrefix);
            app.MapDevelopmentClock(routePrefix);
        }

        app.MapHttpFunctions(functions, routePrefix);
        return app;
    }
}
