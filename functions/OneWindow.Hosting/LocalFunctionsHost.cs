using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace OneWindow.Hosting;

/// <summary>Entry point of a function app, shaped like the Azure Functions isolated worker's.</summary>
public static class LocalFunctionsHost
{
    /// <summary>Creates a builder with host.json, appsettings and environment configuration loaded.</summary>
    public static LocalFunctionsHostBuilder CreateBuilder(string[] args)
    {
        var web = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // host.json first, then its AzureFunctionsJobHost__ overrides, then plain environment variables and args win.
        web.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            // A relative path on an explicit provider: with an absolute path and no provider, the builder would give
            // the source the content-root provider, which cannot open absolute paths, and the optional file would
            // silently be skipped.
            Path = "host.json",
            Optional = true,
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
            ReloadOnChange = false,
        });
        web.Configuration.AddEnvironmentVariables("AzureFunctionsJobHost__");
        web.Configuration.AddEnvironmentVariables();
        web.Configuration.AddCommandLine(args);

        // Kestrel names itself in every answer unless told not to (the app's registration says so too), and answers a request
        // it cannot parse with an empty 400 before any application code: that answer becomes a problem document.
        web.WebHost.ConfigureKestrel(o =>
        {
            o.AddServerHeader = false;
            o.ConfigureEndpointDefaults(endpoint => endpoint.Use(next => async connection =>
            {
                var transport = connection.Transport;
                connection.Transport = new Http.ProblemAnsweringTransport(transport);
                try
                {
                    await next(connection).ConfigureAwait(false);
                }
                finally
                {
                    connection.Transport = transport;
                }
            }));
        });
        if (string.IsNullOrEmpty(web.Configuration["urls"]) && string.IsNullOrEmpty(web.Configuration["ASPNETCORE_URLS"]))
        {
            web.WebHost.UseUrls("http://127.0.0.1:7071");
        }

        return new LocalFunctionsHostBuilder(web);
    }
}
