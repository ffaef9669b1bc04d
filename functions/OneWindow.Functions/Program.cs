using OneWindow.Functions.Applications;
using OneWindow.Functions.Catalog;
using OneWindow.Functions.Review;
using OneWindow.Functions.Supervision;
using OneWindow.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.AddFunctionsFrom(typeof(Program).Assembly);
builder.Services.AddCatalog(builder.Configuration);
builder.AddApplications();
builder.AddReview();
builder.AddSupervision();
var app = builder.Build();
await app.RunAsync();

/// <summary>The function app's entry point (visible to tests).</summary>
public partial class Program;
