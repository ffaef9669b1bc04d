using Microsoft.Extensions.DependencyInjection;
using OneWindow.DurableTask;
using OneWindow.Hosting.Discovery;
using OneWindow.Hosting.Durable;
using Xunit;

namespace OneWindow.Hosting.Tests;

public sealed class DiscoveryDurableAdapterTests
{
    [Fact]
    public async Task An_activity_function_runs_with_its_typed_input_and_returns_its_result()
    {
        var method = typeof(DurableSamples).GetMethod(nameof(DurableSamples.GreetAsync))!;
        var descriptor = FunctionDiscovery.Describe("Greet", typeof(DurableSamples), method);
        using var provider = new ServiceCollection().AddSingleton(new Greeting("你好")).BuildServiceProvider();
        var registry = new DurableTaskRegistry().AddFunctions([descriptor], provider);

        Assert.True(registry.TryGetActivity(new TaskName("Greet"), out var activity));
        Assert.Equal(typeof(string), activity.InputType);
        Assert.Equal(typeof(string), activity.OutputType);
        Assert.Equal("你好 张三", await activity.RunAsync(new SampleActivityContext(), "张三"));
    }

    private sealed class SampleActivityContext : TaskActivityContext
    {
        public override TaskName Name => new("Greet");

        public override string InstanceId => "i-1";
    }
}
