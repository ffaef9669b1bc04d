using Xunit;
using OneWindow.DurableTask;
using OneWindow.DurableTask.AzureStorage;

namespace OneWindow.DurableTask.Tests;

public sealed class RegistryTests
{
    [Theory]
    [InlineData("", "1", -1)]
    [InlineData("1", "2", -1)]
    [InlineData("1.9", "1.10", -1)]
    [InlineData("v2", "v10", -1)]
    [InlineData("2", "2.0", 0)]
    [InlineData("b", "a", 1)]
    public void Versions_compare_numerically_when_possible(string left, string right, int expected) =>
        Assert.Equal(expected, Math.Sign(DurableTaskRegistry.CompareVersions(left, right)));

    [Fact]
    public void Newest_version_is_chosen_for_new_instances()
    {
        var registry = new DurableTaskRegistry();
        registry.AddOrchestratorFunc(new TaskName("Case", "1.9"), _ => Task.CompletedTask);
        registry.AddOrchestratorFunc(new TaskName("Case", "1.10"), _ => Task.CompletedTask);
        Assert.Equal("1.10", registry.GetLatestOrchestratorVersion("Case"));
        Assert.True(registry.TryGetOrchestrator(new TaskName("Case", "1.9"), out _));
        Assert.False(registry.TryGetOrchestrator(new TaskName("Case", "3"), out _));
        Assert.Null(registry.GetLatestOrchestratorVersion("Other"));
    }

    [Fact]
    public void Retry_delays_back_off_up_to_the_maximum()
    {
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(1), policy.GetDelay(1));
        Assert.Equal(TimeSpan.FromSeconds(2), policy.GetDelay(2));
        Assert.Equal(TimeSpan.FromSeconds(4), policy.GetDelay(3));
        Assert.Equal(TimeSpan.FromSeconds(5), policy.GetDelay(4));
    }

    [Fact]
    public void Partition_hash_is_stable()
    {
        Assert.Equal(StableHash.Compute("case-1"), StableHash.Compute("case-1"));
        Assert.Equal(2166136261u, StableHash.Compute(string.Empty));
        Assert.Equal(0xe40c292cu, StableHash.Compute("a"));
    }

    [Fact]
    public void Failure_details_know_their_cause()
    {
        TaskFailureDetails details;
        try
        {
            throw new InvalidOperationException("boom", new ArgumentException("inner"));
        }
        catch (InvalidOperationException e)
        {
            details = TaskFailureDetails.FromException(e);
        }

        Assert.Equal("System.InvalidOperationException", details.ErrorType);
        Assert.NotNull(details.StackTrace);
        Assert.True(details.IsCausedBy<InvalidOperationException>());
        Assert.True(details.IsCausedBy<ArgumentException>());
        Assert.False(details.IsCausedBy<TimeoutException>());
    }
}
