using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Hosting.Invocation;

/// <summary>How many times this trigger's input was tried before (a queue message's dequeue count less one).</summary>
internal sealed class LocalRetryContext(int retryCount, int maxRetryCount) : RetryContext
{
    public override int RetryCount { get; } = retryCount;

    public override int MaxRetryCount { get; } = maxRetryCount;
}
