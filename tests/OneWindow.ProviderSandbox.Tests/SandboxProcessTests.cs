using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OneWindow.Testing;
using Xunit;

namespace OneWindow.ProviderSandbox.Tests;

/// <summary>The sandbox as the run command starts it: a real process with <c>--urls</c>, configured through the environment.</summary>
public sealed class SandboxProcessTests
{
    [Fact]
    public async Task Started_as_a_process_it_records_sms_and_verifies_pushes_with_secrets_from_the_environment()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "OneWindow.ProviderSandbox.dll");
        var port = FreePort.Next();
        await using var process = ChildProcess.Start("provider-sandbox", "dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"], AppContext.BaseDirectory,
            new Dictionary<string, string?> { ["Departments__zjj__Secret"] = "env-secret" });
        await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60), () => process.Tail());
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/gateway/sms/send", new { to = "13900000000", template = "T", text = "办结通知" })).StatusCode);
        Assert.Single((await client.GetFromJsonAsync<JsonElement[]>("/sandbox/sms"))!);

        var push = SandboxTests.SignedPush("zjj", "env-secret", """{"taskId":"T1"}""", DateTimeOffset.UtcNow, "P-1");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(push)).StatusCode);
        var demo = SandboxTests.SignedPush("zjj", "demo-secret-zjj", """{"taskId":"T1"}""", DateTimeOffset.UtcNow, "P-2");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(demo)).StatusCode);
        Assert.Single((await client.GetFromJsonAsync<JsonElement[]>("/sandbox/departments/zjj/deliveries"))!);
    }
}
