using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OneWindow.Testing;

namespace OneWindow.ApplicationsBench;

/// <summary>HTTP steps the workload and waiting modes share; any unexpected answer throws (the benchmark fails loudly).</summary>
internal sealed class BenchHttp(PlatformInstance platform) : IDisposable
{
    private readonly SocketsHttpHandler handler = new() { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    public PlatformInstance Platform => platform;

    /// <summary>A client of the host that sends <paramref name="token"/> (shared connection pool).</summary>
    public HttpClient Api(string? token)
    {
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = platform.HostUrl, Timeout = TimeSpan.FromSeconds(120) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Sandbox() => new(handler, disposeHandler: false) { BaseAddress = platform.SandboxUrl, Timeout = TimeSpan.FromSeconds(120) };

    public HttpClient Blobs() => new(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(120) };

    /// <summary>Starts the platform (warnings only in the host's log) and waits until the demo county is seeded.</summary>
    public static async Task<PlatformInstance> StartPlatformAsync(string seededPath, Action<string, string>? hostOutput = null)
    {
        var platform = await PlatformInstance.StartAsync(new PlatformOptions
        {
            StartTimeout = TimeSpan.FromMinutes(3),
            HostOutput = hostOutput,
            HostEnvironment = { ["Logging__LogLevel__Default"] = "Warning", ["Logging__LogLevel__OneWindow"] = "Warning" },
        });
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while ((await platform.Client.GetAsync(seededPath)).StatusCode != HttpStatusCode.OK)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the demo county was not seeded within 120 s");
            await Task.Delay(250);
        }

        return platform;
    }

    /// <summary>Reserves an upload and writes a small PDF-looking file to its SAS URL; the upload id.</summary>
    public static async Task<string> UploadAsync(HttpClient api, HttpClient blobs, string label)
    {
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.7\n% bench " + label + " " + Guid.NewGuid().ToString("N") + "\n" + new string('x', 1024) + "\n%%EOF\n");
        var reservation = await ExpectAsync(api, HttpMethod.Post, "api/uploads", new
        {
            fileName = "material.pdf",
            contentType = "application/pdf",
            size = bytes.Length,
            sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        }, HttpStatusCode.Created);
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var put = new HttpRequestMessage(HttpMethod.Put, (string)reservation["uploadUrl"]!) { Content = content };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        using var response = await blobs.SendAsync(put);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"PUT blob answered {(int)response.StatusCode}");
        return (string)reservation["uploadId"]!;
    }

    /// <summary>Sends a request and returns the JSON answer; throws unless the status is <paramref name="expected"/>.</summary>
    public static async Task<JsonNode> ExpectAsync(HttpClient client, HttpMethod method, string path, object? body, HttpStatusCode expected, string? idempotencyKey = null)
    {
        var (status, text) = await SendAsync(client, method, path, body, idempotencyKey);
        if (status != expected) throw new InvalidOperationException($"{method} {path} answered {(int)status}, expected {(int)expected}: {Trim(text)}");
        return string.IsNullOrEmpty(text) ? new JsonObject() : JsonNode.Parse(text)!;
    }

    public static async Task<(HttpStatusCode Status, string Text)> SendAsync(HttpClient client, HttpMethod method, string path, object? body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static string Trim(string text) => text.Length > 400 ? text[..400] : text;

    public void Dispose() => handler.Dispose();
}
