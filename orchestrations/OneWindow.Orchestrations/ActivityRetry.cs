using Microsoft.DurableTask;

namespace OneWindow.Orchestrations;

/// <summary>
/// How every activity call retries: a dependency that stops answering for a while (Cosmos DB, storage) fails the
/// activity, and without a retry the case's orchestration would fail with it and the case would stop. Activities are
/// idempotent (docs/orchestrations.md), so a retry after a half-done try is safe. Six tries over about a minute
/// (durable timers, so no host is blocked); a failure that outlasts them fails the orchestration as before.
/// </summary>
public static class ActivityRetry
{
    /// <summary>The options every <c>CallActivityAsync</c> of OneWindow's orchestrations passes.</summary>
    public static TaskOptions Options { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6,
        firstRetryInterval: TimeSpan.FromSeconds(2),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromSeconds(30)));
}
