using OneWindow.Testing;

namespace OneWindow.Hosting.Tests;

/// <summary>A real process of OneWindow.Hosting.TestApp on the test's Azurite.</summary>
internal sealed class TestAppProcess : IAsyncDisposable
{
    private TestAppProcess(ChildProcess process) => Process = process;

    public ChildProcess Process { get; }

    public static async Task<TestAppProcess> StartAsync(LocalStack stack, string queueName, string tableName, string schedule, string lockContainer = "azure-webjobs-hosts")
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "OneWindow.Hosting.TestApp.dll");
        var process = ChildProcess.Start(
            "testapp",
            "dotnet",
            [dll, "--urls", $"http://127.0.0.1:{FreePort.Next()}"],
            AppContext.BaseDirectory,
            new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = stack.Azurite.ConnectionString,
                ["TestApp__Queue"] = queueName,
                ["TestApp__Table"] = tableName,
                ["TestApp__Schedule"] = schedule,
                ["OneWindow__Timers__LockContainer"] = lockContainer,
                ["extensions__queues__maxDequeueCount"] = "3",
                ["extensions__queues__visibilityTimeout"] = "00:00:00", // retry at once: the test counts tries
                ["extensions__queues__maxPollingInterval"] = "00:00:00.500",
            });
        await process.WaitForOutputAsync("TestApp started", TimeSpan.FromSeconds(60));
        return new TestAppProcess(process);
    }

    public async ValueTask DisposeAsync()
    {
        await Process.StopAsync(TimeSpan.FromSeconds(20));
        await Process.DisposeAsync();
    }
}
