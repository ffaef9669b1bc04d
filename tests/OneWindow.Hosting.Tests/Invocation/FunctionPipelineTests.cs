using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OneWindow.Hosting.Discovery;
using OneWindow.Hosting.Invocation;
using Xunit;

namespace OneWindow.Hosting.Tests.Invocation;

/// <summary>
/// The app's worker middleware, registered with Microsoft's own <c>UseMiddleware</c>/<c>UseWhen</c> extensions on the
/// local host's builder, runs around local invocations in registration order and sees what it would in Azure.
/// </summary>
public sealed class FunctionPipelineTests
{
    private static readonly IReadOnlyList<FunctionDescriptor> Functions = typeof(PipelineSamples).GetMethods()
        .Where(m => m.IsDefined(typeof(FunctionAttribute), false))
        .Select(m => FunctionDiscovery.Describe(m.Name, typeof(PipelineSamples), m)).ToList();

    private static (FunctionPipeline Pipeline, IServiceProvider Services) Build(Trail trail, Action<LocalWorkerApplicationBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton(trail);
        services.AddLogging();
        var worker = new LocalWorkerApplicationBuilder(services);
        configure(worker);
        var provider = services.BuildServiceProvider();
        return (worker.BuildPipeline(), provider);
    }

    [Fact]
    public async Task Middleware_runs_in_registration_order_around_the_function_and_sees_the_HTTP_request()
    {
        var trail = new Trail();
        var (pipeline, services) = Build(trail, w =>
        {
            w.UseMiddleware<RecordingMiddleware>();
            w.Use(next => async context =>
            {
                trail.Add("inner>");
                await next(context);
                trail.Add("<inner");
            });
        });
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Path = "/echo/hello";
        var context = new LocalFunctionContext(new LocalFunctionDefinition(Functions.Single(f => f.Name == "Echo")), services,
            new Dictionary<string, object?> { ["word"] = "hello" }, CancellationToken.None);
        context.Items[LocalFunctionContext.HttpContextKey] = http;

        var result = await pipeline.InvokeAsync(context, _ =>
        {
            trail.Add("function");
            return Task.FromResult<object?>("ran");
        });

        Assert.Equal("ran", result);
        Assert.True(context.FunctionRan);
        Assert.Equal(["outer>Echo httpTrigger http=/echo/hello data=word", "inner>", "function", "<inner", "<outer"], trail);
        Assert.Same(http, context.GetHttpContext());
        Assert.Equal("OneWindow.Hosting.Tests.Invocation.PipelineSamples.Echo", context.FunctionDefinition.EntryPoint);
        Assert.Equal("http", context.FunctionDefinition.OutputBindings["$return"].Type);
    }

    [Fact]
    public async Task Middleware_that_answers_stops_the_function_and_conditional_middleware_skips_other_triggers()
    {
        var trail = new Trail();
        var (pipeline, services) = Build(trail, w =>
        {
            w.UseWhen<RefusingMiddleware>(c => c.FunctionDefinition.InputBindings.Values.Any(b => b.Type == "httpTrigger"));
        });

        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();
        var refused = new LocalFunctionContext(new LocalFunctionDefinition(Functions.Single(f => f.Name == "Echo")), services, new Dictionary<string, object?>(), CancellationToken.None);
        refused.Items[LocalFunctionContext.HttpContextKey] = http;
        await pipeline.InvokeAsync(refused, _ => throw new InvalidOperationException("The function must not run."));
        Assert.False(refused.FunctionRan);
        Assert.Equal(StatusCodes.Status401Unauthorized, http.Response.StatusCode);

        var queued = new LocalFunctionContext(new LocalFunctionDefinition(Functions.Single(f => f.Name == "Work")), services,
            new Dictionary<string, object?> { ["DequeueCount"] = 2L }, CancellationToken.None, retryCount: 1, maxRetryCount: 5);
        await pipeline.InvokeAsync(queued, _ => Task.FromResult<object?>(null));
        Assert.True(queued.FunctionRan);
        Assert.Equal(1, queued.RetryContext.RetryCount);
        Assert.Equal("queueTrigger", queued.FunctionDefinition.InputBindings["message"].Type);
    }
}
