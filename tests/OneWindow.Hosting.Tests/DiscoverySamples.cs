using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Hosting.Tests;

/// <summary>Function declarations, good and bad, for discovery tests (not discovered: the tests describe them one by one).</summary>
public sealed class DiscoverySamples
{
    public static void OnQueue([QueueTrigger("work")] string message) => _ = message;

    public static void NoTrigger(string message) => _ = message;

    public static void TwoTriggers([QueueTrigger("a")] string a, [QueueTrigger("b")] string b) => _ = a + b;

    public static void ServiceParameter([QueueTrigger("work")] string message, TimeProvider time) => _ = message + time;

    public static void QueueMetadata([QueueTrigger("work")] string message, long dequeueCount, FunctionContext context, CancellationToken cancellationToken) => _ = message + dequeueCount + context + cancellationToken;
}
