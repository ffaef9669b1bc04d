using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OneWindow.Functions;

// Azure: the Functions host starts this worker. Locally OneWindow.LocalHost runs the same classes (decision 0013).
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Our own settings in host.json (body limit, hub name, queue options) are read by the app too, as the local host reads them.
builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
{
    Path = "host.json",
    Optional = true,
    FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
});
builder.AddOneWindow(builder.Configuration, builder.Environment);
await builder.Build().RunAsync();
