using OneWindow.Functions;
using OneWindow.Hosting;
using OneWindow.Orchestrations.Applications;

// The same registration Program.cs makes in Azure, on the local host's worker builder; the functions are found by
// Microsoft's attributes in the app's assemblies (the ones its functions.metadata names).
var builder = LocalFunctionsHost.CreateBuilder(args);
builder.AddFunctionsFrom(typeof(OneWindowApp).Assembly, typeof(ApplicationOrchestration).Assembly);
builder.Worker.AddOneWindow(builder.Configuration, builder.Environment);
var app = builder.Build();
await app.RunAsync();
