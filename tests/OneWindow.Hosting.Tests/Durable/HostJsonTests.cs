using System.Reflection;
using Microsoft.Azure.WebJobs.Extensions.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;
using OneWindow.Hosting.Durable;
using OneWindow.Testing;
using Xunit;

namespace OneWindow.Hosting.Tests.Durable;

/// <summary>Our host.json's durableTask section, judged by Durable Functions' own options types.</summary>
public sealed class HostJsonTests
{
    private static JObject DurableTaskSection() =>
        (JObject)JObject.Parse(File.ReadAllText(RepositoryPaths.Combine("host.json")))["extensions"]!["durableTask"]!;

    [Fact]
    public void Durable_Functions_accepts_the_durableTask_section_and_knows_every_key()
    {
        var section = DurableTaskSection();
        var storage = (JObject)section["storageProvider"]!;

        var options = section.ToObject<DurableTaskOptions>()!;
        var validate = typeof(DurableTaskOptions).GetMethod("Validate", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            ?? throw new InvalidOperationException("DurableTaskOptions.Validate not found.");
        Invoke(() => validate.Invoke(options, [new NoNameResolver()]));
        Assert.Equal(section.Value<string>("hubName"), options.HubName);
        Assert.Equal(section.Value<string>("defaultVersion"), options.DefaultVersion);
        var broken = (JObject)section.DeepClone();
        broken["maxConcurrentActivityFunctions"] = 0;
        Assert.ThrowsAny<Exception>(() => Invoke(() => validate.Invoke(broken.ToObject<DurableTaskOptions>(), [new NoNameResolver()])));

        var storageOptions = storage.ToObject<AzureStorageOptions>()!;
        storageOptions.Validate(NullLogger.Instance);
        Assert.Equal(storage.Value<int>("partitionCount"), storageOptions.PartitionCount);

        Assert.Empty(UnknownKeys(section, typeof(DurableTaskOptions)));
        Assert.Empty(UnknownKeys(storage, typeof(AzureStorageOptions)));
    }

    [Fact]
    public void Our_options_read_the_same_values_as_Durable_Functions()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(RepositoryPaths.Combine("host.json")).Build();
        var ours = DurableEngineServiceCollectionExtensions.ReadOptions(configuration);
        var section = DurableTaskSection();
        var theirs = section.ToObject<DurableTaskOptions>()!;
        var theirStorage = section["storageProvider"]!.ToObject<AzureStorageOptions>()!;

        Assert.Equal(theirs.HubName, ours.HubName);
        Assert.Equal(theirs.DefaultVersion, ours.DefaultVersion);
        Assert.Equal(theirs.VersionMatchStrategy.ToString(), ours.MatchStrategy.ToString());
        Assert.Equal(theirs.VersionFailureStrategy.ToString(), ours.FailureStrategy.ToString());
        Assert.Equal(theirs.MaxConcurrentActivityFunctions, ours.MaxConcurrentActivityFunctions);
        Assert.Equal(theirs.MaxConcurrentOrchestratorFunctions, ours.MaxConcurrentOrchestratorFunctions);
        Assert.Equal(theirs.ExtendedSessionsEnabled, ours.ExtendedSessionsEnabled);
        Assert.Equal(theirStorage.PartitionCount, ours.StorageProvider.PartitionCount);
        Assert.Equal(theirStorage.ControlQueueVisibilityTimeout, ours.StorageProvider.ControlQueueVisibilityTimeout);
        Assert.Equal(theirStorage.WorkItemQueueVisibilityTimeout, ours.StorageProvider.WorkItemQueueVisibilityTimeout);
        Assert.Equal(theirStorage.MaxQueuePollingInterval, ours.StorageProvider.MaxQueuePollingInterval);
    }

    [Fact]
    public void A_control_queue_visibility_timeout_of_30_seconds_is_refused_by_Durable_Functions_and_by_us()
    {
        var storage = (JObject)DurableTaskSection()["storageProvider"]!.DeepClone();
        storage["controlQueueVisibilityTimeout"] = "00:00:30";
        var theirs = storage.ToObject<AzureStorageOptions>()!;
        Assert.Equal(TimeSpan.FromSeconds(30), theirs.ControlQueueVisibilityTimeout);
        Assert.ThrowsAny<Exception>(() => theirs.Validate(NullLogger.Instance));

        var ours = new DurableTaskHostOptions { HubName = "OneWindow" };
        ours.Validate();
        ours.StorageProvider.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(30);
        var error = Assert.Throws<InvalidOperationException>(ours.Validate);
        Assert.Contains("controlQueueVisibilityTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_unknown_key_check_sees_a_misspelt_key()
    {
        var section = (JObject)DurableTaskSection().DeepClone();
        section["storageProvider"]!["maxQueuePollingIntervall"] = "00:00:01";
        section["defaultVersoin"] = "1.0";
        Assert.Equal(["defaultVersoin"], UnknownKeys(section, typeof(DurableTaskOptions)));
        Assert.Equal(["maxQueuePollingIntervall"], UnknownKeys((JObject)section["storageProvider"]!, typeof(AzureStorageOptions)));
    }

    [Fact]
    public void Without_concurrency_settings_the_engine_runs_ten_per_processor_as_Durable_Functions_and_each_process_has_its_own_worker_id()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["extensions:durableTask:hubName"] = "defaults",
            ["ConnectionStrings:Storage"] = "UseDevelopmentStorage=true",
        }).Build();
        var options = DurableEngineServiceCollectionExtensions.ReadOptions(configuration);
        var storage = OneWindow.Hosting.Storage.StorageAccount.FromConfiguration(configuration);
        var settings = DurableEngineServiceCollectionExtensions.CreateSettings(options, storage, NullLoggerFactory.Instance);
        Assert.Equal(10 * Environment.ProcessorCount, settings.MaxConcurrentTaskActivityWorkItems);
        Assert.Equal(10 * Environment.ProcessorCount, settings.MaxConcurrentTaskOrchestrationWorkItems);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.ControlQueueVisibilityTimeout);
        Assert.True(settings.UseTablePartitionManagement);
        var other = DurableEngineServiceCollectionExtensions.CreateSettings(options, storage, NullLoggerFactory.Instance);
        Assert.NotEqual(settings.WorkerId, other.WorkerId);
        Assert.StartsWith($"{Environment.MachineName}-{Environment.ProcessId}-", settings.WorkerId, StringComparison.Ordinal);
    }

    /// <summary>The JSON keys with no public property of <paramref name="type"/> (case-insensitive, as Newtonsoft binds them).</summary>
    private static List<string> UnknownKeys(JObject json, Type type)
    {
        var known = type.GetProperties(BindingFlags.Instance | BindingFlags.Public).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return json.Properties().Select(p => p.Name).Where(name => !known.Contains(name)).ToList();
    }

    private static void Invoke(Action call)
    {
        try
        {
            call();
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
