using System.Net;
using System.Text.Json;
using OneWindow.Testing;
using Xunit;

namespace OneWindow.Functions.Tests;

/// <summary>
/// <c>/health</c> on the real host against its own emulators: 503 naming Cosmos while the Cosmos server's process is
/// paused (SIGSTOP; stopping it would empty it, BRIEF D4), 200 again once it resumes.
/// </summary>
public sealed class PlatformHealthTests
{
    [Fact]
    public async Task Health_is_503_naming_cosmos_while_it_is_paused_and_200_after_it_resumes()
    {
        await using var stack = await LocalStack.StartAsync();
        await using var platform = await PlatformInstance.StartAsync(new PlatformOptions { StartSandbox = false }, stack);

        using (var healthy = await platform.Client.GetAsync("health"))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
            var parts = JsonDocument.Parse(await healthy.Content.ReadAsStringAsync()).RootElement.GetProperty("parts");
            Assert.Equal(["blob", "cosmos", "durable", "queue", "table"], parts.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal("healthy", parts.GetProperty("durable").GetProperty("status").GetString());
        }

        stack.Cosmos.Process.Pause();
        try
        {
            using var unhealthy = await platform.Client.GetAsync("health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
            Assert.Equal("application/problem+json", unhealthy.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await unhealthy.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(["cosmos"], problem.GetProperty("failing").EnumerateArray().Select(e => e.GetString()));
            Assert.Contains("cosmos", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            stack.Cosmos.Process.Resume();
        }

        // The SDK may still be retrying a request made during the pause: poll with a deadline rather than once.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode status;
        do
        {
            using var again = await platform.Client.GetAsync("health");
            status = again.StatusCode;
            if (status == HttpStatusCode.OK) break;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.OK, status);

        // The durable engine's task hub lives in storage: with Azurite paused it is named among the failing parts.
        stack.Azurite.Process.Pause();
        try
        {
            using var unhealthy = await platform.Client.GetAsync("health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
            var failing = JsonDocument.Parse(await unhealthy.Content.ReadAsStringAsync()).RootElement.GetProperty("failing").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.Contains("durable", failing);
            Assert.DoesNotContain("cosmos", failing);
        }
        finally
        {
            stack.Azurite.Process.Resume();
        }
    }

    [Fact]
    public async Task The_development_token_route_does_not_exist_outside_development()
    {
        var stack = await LocalStack.SharedAsync();
        await using var platform = await PlatformInstance.StartAsync(
            new PlatformOptions
            {
                StartSandbox = false,
                HostEnvironment = { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_ENVIRONMENT"] = "Production" },
            },
            stack);

        using var token = await platform.Client.PostAsync("api/dev/tokens",
            new StringContent("""{"subject":"x","roles":["admin"]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, token.StatusCode);

        // Without an issuer configured every token is refused: a forged HS256 token gets 401, not access.
        using var forged = new HttpClient { BaseAddress = platform.HostUrl };
        forged.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4Iiwicm9sZXMiOlsiYWRtaW4iXSwiaXNzIjoib25ld2luZG93LWRldiIsImF1ZCI6Im9uZXdpbmRvdyJ9.c2lnbmF0dXJl");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("api/admin/items")).StatusCode);
    }
}
