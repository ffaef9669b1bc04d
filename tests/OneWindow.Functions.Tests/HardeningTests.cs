using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OneWindow.Testing;
using Xunit;

namespace OneWindow.Functions.Tests;

/// <summary>One seeded host (no sandbox) with a configured public URL and front-end origin, for the hardening tests.</summary>
public sealed class HardeningFixture : IAsyncLifetime
{
    public const string PublicUrl = "https://api.onewindow.example";

    public const string FrontEnd = "https://www.onewindow.example";

    public PlatformInstance Platform { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Platform = await PlatformInstance.StartAsync(
            new PlatformOptions
            {
                StartSandbox = false,
                HostEnvironment = { ["OpenApi__Servers__0"] = PublicUrl, ["Cors__Origins__0"] = FrontEnd },
            },
            await LocalStack.SharedAsync());
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (JsonDocument.Parse(await Platform.Client.GetStringAsync("api/catalog/items")).RootElement.GetArrayLength() == 0)
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException("The demo county was not seeded within 60 s.");
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        if (Platform is not null) await Platform.DisposeAsync();
    }
}

/// <summary>Issue 15 (hardening), findings 7–10: what every answer of the API carries, and who may use the development routes.</summary>
public sealed partial class HardeningTests(HardeningFixture fixture) : IClassFixture<HardeningFixture>
{
    private PlatformInstance Platform => fixture.Platform;

    private Task<HttpClient> ClientAsync(string role) =>
        Platform.TokenAsync("hardening-" + role, "测试" + role, [role]).ContinueWith(t => Platform.ClientWithToken(t.Result), TaskScheduler.Default);

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.True(problem.TryGetProperty("detail", out var detail) && !string.IsNullOrWhiteSpace(detail.GetString()),
            $"{(int)response.StatusCode} problem without detail: {problem}");
        return problem;
    }

    // Finding 7.
    [Fact]
    public async Task Openapi_servers_come_from_configuration_not_from_the_request_host()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/openapi.json");
        request.Headers.Host = "attacker.example";
        using var response = await Platform.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("attacker.example", text, StringComparison.OrdinalIgnoreCase);
        var servers = JsonDocument.Parse(text).RootElement.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()).ToList();
        Assert.Equal([HardeningFixture.PublicUrl], servers);
    }

    // Finding 8 (headers).
    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_no_server_header()
    {
        using var admin = await ClientAsync("admin");
        var answers = new List<HttpResponseMessage>
        {
            await Platform.Client.GetAsync("api/catalog/items"),
            await Platform.Client.GetAsync("api/openapi.json"),
            await Platform.Client.GetAsync("api/docs"),
            await Platform.Client.GetAsync("health"),
            await Platform.Client.GetAsync("api/applications"),
            await Platform.Client.GetAsync("api/no-such-route"),
            await Platform.Client.PostAsJsonAsync("api/dev/tokens", new { subject = "h-1", roles = new[] { "applicant" } }),
            await admin.GetAsync("api/admin/departments"),
        };
        try
        {
            foreach (var answer in answers)
            {
                var what = $"{answer.RequestMessage!.Method} {answer.RequestMessage.RequestUri!.AbsolutePath} ({(int)answer.StatusCode})";
                Assert.False(answer.Headers.Contains("Server"), what + " sends a Server header");
                Assert.Equal(["nosniff"], answer.Headers.GetValues("X-Content-Type-Options"));
                Assert.Equal(["DENY"], answer.Headers.GetValues("X-Frame-Options"));
                Assert.Equal(["no-referrer"], answer.Headers.GetValues("Referrer-Policy"));
                Assert.Contains("frame-ancestors 'none'", string.Join(",", answer.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
                Assert.True(answer.Headers.CacheControl?.NoStore == true, what + " is not Cache-Control: no-store");
            }
        }
        finally
        {
            foreach (var answer in answers) answer.Dispose();
        }
    }

    // Finding 8 (CORS): the configured front end may call from a browser, no other origin may.
    [Fact]
    public async Task Cors_answers_the_configured_front_end_only()
    {
        using var allowed = new HttpRequestMessage(HttpMethod.Get, "api/catalog/items");
        allowed.Headers.Add("Origin", HardeningFixture.FrontEnd);
        using var yes = await Platform.Client.SendAsync(allowed);
        Assert.Equal([HardeningFixture.FrontEnd], yes.Headers.GetValues("Access-Control-Allow-Origin"));

        using var other = new HttpRequestMessage(HttpMethod.Get, "api/catalog/items");
        other.Headers.Add("Origin", "https://attacker.example");
        using var no = await Platform.Client.SendAsync(other);
        Assert.Equal(HttpStatusCode.OK, no.StatusCode);
        Assert.False(no.Headers.Contains("Access-Control-Allow-Origin"));

        // A browser asks first before sending a token.
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "api/applications");
        preflight.Headers.Add("Origin", HardeningFixture.FrontEnd);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key");
        using var asked = await Platform.Client.SendAsync(preflight);
        Assert.True(asked.IsSuccessStatusCode, $"preflight answered {(int)asked.StatusCode}");
        Assert.Equal([HardeningFixture.FrontEnd], asked.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.Contains("POST", string.Join(",", asked.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);

        using var otherPreflight = new HttpRequestMessage(HttpMethod.Options, "api/applications");
        otherPreflight.Headers.Add("Origin", "https://attacker.example");
        otherPreflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var refused = await Platform.Client.SendAsync(otherPreflight);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    // Finding 9: one JSON encoding.
    [Fact]
    public async Task Chinese_is_sent_as_utf8_everywhere_never_as_u_escapes()
    {
        using var admin = await ClientAsync("admin");
        foreach (var (client, path) in new[] { (Platform.Client, "api/catalog/items"), (Platform.Client, "api/catalog/packages"), (admin, "api/admin/departments"), (admin, "api/admin/items") })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
            var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
            Assert.True(NonAsciiEscape().Match(text) is { Success: false }, $"{path} escapes non-ASCII text: {NonAsciiEscape().Match(text).Value}");
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", text);
        }
    }

    // Finding 9: the framework's problems have detail too.
    [Fact]
    public async Task Framework_problems_have_detail()
    {
        using var applicant = await ClientAsync("applicant");
        using var notFound = await Platform.Client.GetAsync("api/no-such-route");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        await ProblemAsync(notFound);

        using var wrongVerb = await Platform.Client.DeleteAsync("api/catalog/items");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongVerb.StatusCode);
        await ProblemAsync(wrongVerb);

        using var unauthorized = await Platform.Client.GetAsync("api/admin/departments");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        await ProblemAsync(unauthorized);

        using var forbidden = await applicant.GetAsync("api/admin/departments");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        await ProblemAsync(forbidden);

        var big = "{\"subject\":\"" + new string('a', 1_100_000) + "\",\"roles\":[\"admin\"]}";
        using var tooLarge = await Platform.Client.PostAsync("api/dev/tokens", new StringContent(big, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        await ProblemAsync(tooLarge);
    }

    // Finding 9: a request the HTTP server itself refuses (before any function runs) still gets a problem with detail.
    [Fact]
    public async Task A_nul_in_the_path_gets_a_problem_not_an_empty_400()
    {
        foreach (var target in new[] { "/api/catalog/items/%00", "/api/catalog/%00/items", "/api/track/A%00B" })
        {
            var answer = await RawGetAsync(target);
            var split = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            Assert.True(split > 0, $"{target}: no complete answer: {answer}");
            var head = answer[..split];
            Assert.StartsWith("HTTP/1.1 400 ", head, StringComparison.Ordinal);
            Assert.Contains("Content-Type: application/problem+json", head, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("X-Content-Type-Options: nosniff", head, StringComparison.OrdinalIgnoreCase);
            var problem = JsonDocument.Parse(answer[(split + 4)..]).RootElement;
            Assert.Equal(400, problem.GetProperty("status").GetInt32());
            Assert.Contains("%00", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // The rewriting touches only the server's own refusals: an ordinary answer on a raw connection is as it was.
        var ok = await RawGetAsync("/api/catalog/items");
        Assert.StartsWith("HTTP/1.1 200 ", ok, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/json", ok, StringComparison.OrdinalIgnoreCase);
    }

    // Finding 10: the development clock moves for admins only.
    [Fact]
    public async Task Moving_the_development_clock_needs_an_admin_token()
    {
        using var anonymous = await Platform.Client.PostAsJsonAsync("api/dev/clock", new { advance = "PT1M" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await ProblemAsync(anonymous);

        using var applicant = await ClientAsync("applicant");
        using var refused = await applicant.PostAsJsonAsync("api/dev/clock", new { advance = "PT1M" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var admin = await ClientAsync("admin");
        using var moved = await admin.PostAsJsonAsync("api/dev/clock", new { advance = "PT1M" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        // Reading where it is stays open to anyone (Development only).
        Assert.Equal(HttpStatusCode.OK, (await Platform.Client.GetAsync("api/dev/clock")).StatusCode);
    }

    // Finding 10: development tokens live one hour unless asked for longer.
    [Fact]
    public async Task Development_tokens_live_one_hour_unless_asked_for_longer()
    {
        var lifetime = async (object request) =>
        {
            using var response = await Platform.Client.PostAsJsonAsync("api/dev/tokens", request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
            var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
            var claims = JsonDocument.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '='))).RootElement;
            return TimeSpan.FromSeconds(claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        };

        Assert.Equal(TimeSpan.FromHours(1), await lifetime(new { subject = "t-1", roles = new[] { "applicant" } }));
        Assert.Equal(TimeSpan.FromDays(2), await lifetime(new { subject = "t-2", roles = new[] { "applicant" }, lifetime = "P2D" }));

        using var tooLong = await Platform.Client.PostAsJsonAsync("api/dev/tokens", new { subject = "t-3", roles = new[] { "applicant" }, lifetime = "P90D" });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.True((await ProblemAsync(tooLong)).GetProperty("errors").TryGetProperty("lifetime", out _));
    }

    private async Task<string> RawGetAsync(string target)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Platform.HostUrl.Host, Platform.HostUrl.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: {Platform.HostUrl.Authority}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    [GeneratedRegex(@"\\u[0-9A-Fa-f]{4}")]
    private static partial Regex NonAsciiEscape();
}
