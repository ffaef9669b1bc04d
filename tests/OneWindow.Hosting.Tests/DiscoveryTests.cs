using Xunit;
using Microsoft.Extensions.Configuration;
using System.Reflection;
using OneWindow.Hosting.Discovery;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Hosting.Tests;

public sealed class DiscoveryTests
{
    [Fact]
    public void Describe_finds_the_single_trigger_and_its_kind()
    {
        var method = typeof(DiscoverySamples).GetMethod(nameof(DiscoverySamples.OnQueue))!;
        var descriptor = FunctionDiscovery.Describe("OnQueue", typeof(DiscoverySamples), method);
        Assert.Equal(FunctionTriggerKind.Queue, descriptor.TriggerKind);
        Assert.Equal("message", descriptor.TriggerParameter.Name);
        Assert.Equal("work", Assert.IsType<QueueTriggerAttribute>(descriptor.TriggerAttribute).QueueName);
    }

    [Fact]
    public void Describe_rejects_a_function_without_trigger()
    {
        var method = typeof(DiscoverySamples).GetMethod(nameof(DiscoverySamples.NoTrigger))!;
        var error = Assert.Throws<FunctionDiscoveryException>(() => FunctionDiscovery.Describe("NoTrigger", typeof(DiscoverySamples), method));
        Assert.Contains("no trigger", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_rejects_two_triggers()
    {
        var method = typeof(DiscoverySamples).GetMethod(nameof(DiscoverySamples.TwoTriggers))!;
        var error = Assert.Throws<FunctionDiscoveryException>(() => FunctionDiscovery.Describe("TwoTriggers", typeof(DiscoverySamples), method));
        Assert.Contains("2 trigger parameters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_refuses_a_parameter_the_worker_cannot_bind_and_takes_trigger_metadata_by_name()
    {
        var service = typeof(DiscoverySamples).GetMethod(nameof(DiscoverySamples.ServiceParameter))!;
        var error = Assert.Throws<FunctionDiscoveryException>(() => FunctionDiscovery.Describe("ServiceParameter", typeof(DiscoverySamples), service));
        Assert.Contains("cannot bind parameter 'time'", error.Message, StringComparison.Ordinal);

        var metadata = typeof(DiscoverySamples).GetMethod(nameof(DiscoverySamples.QueueMetadata))!;
        Assert.Equal("message", FunctionDiscovery.Describe("QueueMetadata", typeof(DiscoverySamples), metadata).TriggerParameter.Name);
    }

    [Fact]
    public void Discover_finds_the_test_app_functions_with_unique_names()
    {
        var functions = FunctionDiscovery.Discover([typeof(OneWindow.Hosting.TestApp.TestFunctions).Assembly]);
        Assert.Contains(functions, f => f.TriggerKind == FunctionTriggerKind.Queue);
        Assert.Contains(functions, f => f.TriggerKind == FunctionTriggerKind.Timer);
        Assert.Equal(functions.Count, functions.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Resolve_reads_percent_settings_and_fails_clearly_when_missing()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["WorkQueue"] = "work-items" })
            .Build();
        Assert.Equal("work-items", TriggerServiceCollectionExtensions.Resolve("%WorkQueue%", configuration, "F"));
        Assert.Equal("plain", TriggerServiceCollectionExtensions.Resolve("plain", configuration, "F"));
        Assert.Throws<FunctionDiscoveryException>(() => { _ = TriggerServiceCollectionExtensions.Resolve("%Missing%", configuration, "F"); });
    }
}
