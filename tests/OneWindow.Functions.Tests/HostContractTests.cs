using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OneWindow.Testing;
using Xunit;

namespace OneWindow.Functions.Tests;

/// <summary>One running host (no sandbox) for the host's HTTP contract tests.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    public PlatformInstance Platform { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Platform = await PlatformInstance.StartAsync(new PlatformOptions { StartSandbox = false }, await LocalStack.SharedAsync());

    public async Task DisposeAsync()
    {
        if (Platform is not null) await Platform.DisposeAsync();
    }
}

/// <summary>What every caller of the host can rely on (API.md conventions): problems for every error, identity, OpenAPI.</summary>
public sealed class HostContractTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private PlatformInstance Platform => fixture.Platform;

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
        return problem;
    }

    [Fact]
    public async Task Unknown_route_is_a_404_problem()
    {
        using var response = await Platform.Client.GetAsync("api/no-such-route");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await ProblemAsync(response);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_naming_the_position()
    {
        using var response = await Platform.Client.PostAsync("api/dev/tokens",
            new StringContent("{\n  \"subject\": \"a\",\n  \"roles\": [\"admin\"\n", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await ProblemAsync(response)).GetProperty("detail").GetString()!;
        Assert.Contains("line 4", detail, StringComparison.Ordinal);
        Assert.Contains("byte position", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_configured_limit_is_a_413_problem()
    {
        // host.json: extensions.http.maxRequestBodySize = 1 MiB.
        var big = "{\"subject\":\"" + new string('a', 1_100_000) + "\",\"roles\":[\"admin\"]}";
        using var response = await Platform.Client.PostAsync("api/dev/tokens", new StringContent(big, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await ProblemAsync(response);
    }

    [Fact]
    public async Task Token_requests_are_validated_field_by_field()
    {
        using var response = await Platform.Client.PostAsJsonAsync("api/dev/tokens", new { subject = "", roles = new[] { "wizard" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("subject", out _));
        Assert.True(errors.TryGetProperty("roles", out _));

        using var reviewer = await Platform.Client.PostAsJsonAsync("api/dev/tokens", new { subject = "r-1", roles = new[] { "reviewer" } });
        Assert.True((await ProblemAsync(reviewer)).GetProperty("errors").TryGetProperty("department", out _));
    }

    [Fact]
    public async Task Missing_or_bad_tokens_are_401_problems_and_a_valid_one_passes()
    {
        using var missing = await Platform.Client.GetAsync("api/admin/departments");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        await ProblemAsync(missing);

        var token = await Platform.TokenAsync("admin-1", "管理员", ["admin"]);
        using var tampered = Platform.ClientWithToken(token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await tampered.GetAsync("api/admin/departments")).StatusCode);

        using var admin = Platform.ClientWithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/admin/departments")).StatusCode);
    }

    [Fact]
    public async Task Tokens_survive_a_host_restart_on_the_same_storage()
    {
        var token = await Platform.TokenAsync("admin-2", "管理员", ["admin"]);
        await Platform.RestartHostAsync();
        using var admin = Platform.ClientWithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/admin/departments")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_function_routes()
    {
        var document = JsonDocument.Parse(await Platform.Client.GetStringAsync("api/openapi.json")).RootElement;
        Assert.Equal("OneWindow", document.GetProperty("info").GetProperty("title").GetString());
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Contains("/api/catalog/items", paths);
        Assert.Contains("/api/catalog/items/{code}", paths);
        Assert.Contains("/api/admin/items/{code}", paths);
        Assert.True(document.GetProperty("paths").GetProperty("/api/admin/items/{code}").TryGetProperty("put", out _));
    }
}
