using Azure.Data.Tables;
using OneWindow.Hosting.Discovery;

// A minimal host until the FunctionsApplication builder is in: discovery plus queue and timer triggers.
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "host.json"), optional: true);
builder.Configuration.AddEnvironmentVariables(); // environment overrides host.json, as in Azure Functions
var functions = FunctionDiscovery.Discover([typeof(Program).Assembly]);
var storage = builder.Configuration["AzureWebJobsStorage"] ?? "UseDevelopmentStorage=true";
builder.Services.AddSingleton(new TableServiceClient(storage));
builder.Services.AddQueueAndTimerTriggers(functions, builder.Configuration);
var app = builder.Build();
app.MapGet("/api/ping", () => "pong");
app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine("TestApp started"));
await app.RunAsync();

/// <summary>The test app's entry point (visible to tests for locating the assembly).</summary>
public partial class Program;
