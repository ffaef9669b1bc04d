using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OneWindow.DurableTask;
using OneWindow.DurableTask.AzureStorage;
using OneWindow.Testing;
using Xunit;

namespace OneWindow.DurableTask.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void Settings_are_read_from_host_json()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.Root, "host.json")).Build();
        var options = new AzureStorageOrchestrationServiceOptions();
        options.Bind(configuration.GetSection("extensions:durableTask"));
        Assert.Equal("OneWindow", options.TaskHubName);
        Assert.Equal(4, options.PartitionCount);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ControlQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromDays(7), options.MaxQueueDelay);
        Assert.Equal(16, options.MaxConcurrentActivities);
        Assert.True(options.ExtendedSessionsEnabled);
        Assert.Equal(TimeSpan.FromSeconds(10), options.LeaseInterval);
        Assert.Equal(TimeSpan.FromSeconds(3), options.LeaseRenewInterval);
        Assert.True(options.LocalActivityDispatch);
    }

    [Fact]
    public void A_lease_must_outlast_two_renewals()
    {
        var options = new AzureStorageOrchestrationServiceOptions { ConnectionString = "UseDevelopmentStorage=true", LeaseInterval = TimeSpan.FromSeconds(5), LeaseRenewInterval = TimeSpan.FromSeconds(3) };
        Assert.Throws<InvalidOperationException>(options.Validate);
        options.LeaseInterval = TimeSpan.FromSeconds(6);
        options.Validate();
    }

    [Theory]
    [InlineData("bad-name")]
    [InlineData("1hub")]
    [InlineData("")]
    public void Task_hub_names_must_be_table_safe(string hub)
    {
        var options = new AzureStorageOrchestrationServiceOptions { TaskHubName = hub, ConnectionString = "UseDevelopmentStorage=true" };
        Assert.Throws<InvalidOperationException>(options.Validate);
    }

    [Fact]
    public async Task Registration_wires_client_worker_registry_and_time_from_di()
    {
        var stack = await LocalStack.SharedAsync().WaitAsync(TimeSpan.FromMinutes(3));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<Greeting>();
        services.AddDurableTaskAzureStorage(
            o =>
            {
                o.TaskHubName = LocalStack.UniqueName("di");
                o.PartitionCount = 1;
                o.ConnectionString = stack.Azurite.ConnectionString;
                o.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200);
            },
            r => r.AddActivityFunc<string, string>("Greet", (ctx, name) => ctx.Services!.GetRequiredService<Greeting>().Say(name!)));
        await using var provider = services.BuildServiceProvider();

        // A host adds orchestrators it discovers after registration, before start.
        provider.GetRequiredService<DurableTaskRegistry>().AddOrchestratorFunc<string, string>("Hello", (ctx, name) => ctx.CallActivityAsync<string>("Greet", name));
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        try
        {
            var client = provider.GetRequiredService<DurableTaskClient>();
            var id = await client.ScheduleNewOrchestrationInstanceAsync("Hello", "张三");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var done = await client.WaitForInstanceCompletionAsync(id, true, timeout.Token);
            Assert.Equal("您好，张三", done.ReadOutputAs<string>());
        }
        finally
        {
            foreach (var service in hosted)
            {
                await service.StopAsync(CancellationToken.None);
            }
        }
    }

    private sealed class Greeting
    {
        public string Say(string name) => "您好，" + name;
    }
}
