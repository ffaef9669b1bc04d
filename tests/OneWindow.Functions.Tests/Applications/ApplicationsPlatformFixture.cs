using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Azure.Cosmos;
using OneWindow.Testing;
using Xunit;

namespace OneWindow.Functions.Tests.Applications;

/// <summary>
/// One platform (emulators, sandbox, host) shared by the applications end-to-end and bad-input tests. The acceptance
/// window (Art. 32) is shortened to seconds; SMS retries inside one queue try are cut to one so a forced failure reaches
/// the queue's own retry quickly.
/// </summary>
public class ApplicationsPlatformFixture : IAsyncLifetime
{
    /// <summary>The 5-day window of Art. 32 as the tests run it.</summary>
    public static readonly TimeSpan AcceptanceWindow = TimeSpan.FromSeconds(25);

    /// <summary>The item the tests apply for: id-card required, premises-proof required but deferrable, name-approval optional.</summary>
    public const string Item = "individual-business-registration";

    public PlatformInstance Platform { get; private set; } = null!;

    public CosmosClient Cosmos { get; private set; } = null!;

    /// <summary>Set-up shared by the rows of table-driven tests (created once, under <see cref="SharedLock"/>).</summary>
    public Dictionary<string, object> Shared { get; } = [];

    public SemaphoreSlim SharedLock { get; } = new(1, 1);

    /// <summary>Host settings a derived fixture adds to (or overrides in) the shared ones.</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraHostEnvironment { get; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        var options = new PlatformOptions
        {
            HostEnvironment =
            {
                ["Applications__AcceptanceWindow"] = "PT" + AcceptanceWindow.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "S",
                ["Providers__Sms__RetryAttempts"] = "1",
                ["Providers__Sms__RetryDelay"] = "00:00:00.100",
                ["AzureFunctionsJobHost__extensions__queues__maxDequeueCount"] = "20",

                // These tests send many submissions a second with one applicant token (bad-input tables); the limits
                // are tested on their own (RateLimitEndToEndTests), and here met the per-token submission bucket (429).
                ["RateLimiting__Enabled"] = "false",
            },
        };
        foreach (var (key, value) in ExtraHostEnvironment)
        {
            options.HostEnvironment[key] = value;
        }

        Platform = await PlatformInstance.StartAsync(options);
        Cosmos = Platform.Stack.Cosmos.CreateClient();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while ((await Platform.Client.GetAsync("api/catalog/items/" + Item)).StatusCode != HttpStatusCode.OK)
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException("The demo county was not seeded within 60 s.");
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        Cosmos?.Dispose();
        await Platform.DisposeAsync();
    }

    public async Task<HttpClient> ClientAsync(string subject, string role, string? department = null) =>
        Platform.ClientWithToken(await Platform.TokenAsync(subject, "测试" + role, [role], department));

    public Task<HttpClient> ApplicantAsync(string subject) => ClientAsync(subject, "applicant");

    public Task<HttpClient> ClerkAsync() => ClientAsync("clerk-1", "clerk");

    /// <summary>Reserves an upload, PUTs the bytes to its SAS URL, returns the upload id.</summary>
    public static async Task<string> UploadAsync(HttpClient applicant, byte[] bytes, string contentType = "application/pdf", bool write = true, byte[]? actual = null)
    {
        using var reserve = await applicant.PostAsJsonAsync("api/uploads", new
        {
            fileName = "material.pdf",
            contentType,
            size = bytes.Length,
            sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        });
        var body = await reserve.Content.ReadAsStringAsync();
        Assert.True(reserve.StatusCode == HttpStatusCode.Created, body);
        var json = JsonNode.Parse(body)!;
        if (write)
        {
            using var blob = new HttpClient();
            using var content = new ByteArrayContent(actual ?? bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            using var put = new HttpRequestMessage(HttpMethod.Put, (string)json["uploadUrl"]!) { Content = content };
            put.Headers.Add("x-ms-blob-type", "BlockBlob");
            using var response = await blob.SendAsync(put);
            Assert.True(response.IsSuccessStatusCode, $"PUT to the SAS URL answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (string)json["uploadId"]!;
    }

    /// <summary>A PDF-looking file whose bytes contain no personal data.</summary>
    public static byte[] FileBytes(string label) => System.Text.Encoding.ASCII.GetBytes("%PDF-1.7\n% material " + label + " " + Guid.NewGuid().ToString("N") + "\n%%EOF\n");

    /// <summary>A fresh valid resident ID number (GB 11643 check character), so searches for it find only this case.</summary>
    public static string NewIdNumber()
    {
        var body = "110105" + "1985" + Random.Shared.Next(1, 13).ToString("00", CultureInfo.InvariantCulture) + Random.Shared.Next(1, 29).ToString("00", CultureInfo.InvariantCulture)
                   + Random.Shared.Next(0, 1000).ToString("000", CultureInfo.InvariantCulture);
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }

    public static string NewPhone() => "139" + Random.Shared.Next(0, 100_000_000).ToString("00000000", CultureInfo.InvariantCulture);

    public static JsonObject Body(string idNumber, string phone, params (string Code, string UploadId)[] materials) => new()
    {
        ["itemCode"] = Item,
        ["applicant"] = new JsonObject { ["kind"] = "person", ["name"] = "欧阳测试", ["idNumber"] = idNumber, ["phone"] = phone },
        ["form"] = new JsonObject { ["shopName"] = "小店", ["contactPhone"] = phone },
        ["materials"] = new JsonArray(materials.Select(m => (JsonNode)new JsonObject { ["code"] = m.Code, ["uploadId"] = m.UploadId }).ToArray()),
        ["delivery"] = new JsonObject { ["method"] = "pickup" },
    };

    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient applicant, string key, JsonNode body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/applications") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await applicant.SendAsync(request);
    }

    /// <summary>Submits a case with both materials uploaded; returns (id, number).</summary>
    public async Task<(string Id, string Number)> SubmitValidAsync(HttpClient applicant, string idNumber, string phone, bool withPremises = true)
    {
        var materials = new List<(string, string)> { ("id-card", await UploadAsync(applicant, FileBytes("id-card"))) };
        if (withPremises) materials.Add(("premises-proof", await UploadAsync(applicant, FileBytes("premises"))));
        using var response = await SubmitAsync(applicant, Guid.NewGuid().ToString(), Body(idNumber, phone, [.. materials]));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        var json = JsonNode.Parse(text)!;
        return ((string)json["id"]!, (string)json["number"]!);
    }

    public static async Task<JsonNode> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Polls the application until its status is <paramref name="status"/> (deadline, no blind sleep).</summary>
    public async Task<JsonNode> WaitForStatusAsync(HttpClient client, string id, string status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        JsonNode last;
        while (true)
        {
            last = await GetJsonAsync(client, "api/applications/" + id);
            if ((string?)last["status"] == status) return last;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{id} stayed '{last["status"]}', expected '{status}'.\n{Platform.Host?.Tail()}");
            await Task.Delay(200);
        }
    }

    public static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, object body) => await client.PostAsJsonAsync(path, body);

    public async Task<JsonArray> SmsToAsync(string phone) =>
        (JsonArray)JsonNode.Parse(await Platform.Sandbox.GetStringAsync("sandbox/sms?to=" + Uri.EscapeDataString(phone)))!;

    /// <summary>Polls until the sandbox has received <paramref name="count"/> SMS for <paramref name="phone"/>.</summary>
    public async Task<JsonArray> WaitForSmsAsync(string phone, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var sms = await SmsToAsync(phone);
            if (sms.Count >= count) return sms;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{sms.Count} SMS to the test phone, expected {count}.\n{Platform.Host?.Tail()}");
            await Task.Delay(200);
        }
    }

    /// <summary>A raw Cosmos document of the platform's database, or null when absent.</summary>
    public async Task<string?> RawDocumentAsync(string container, string id)
    {
        var options = new ItemRequestOptions { AddRequestHeaders = h => h.Add("x-ms-documentdb-query-enablecrosspartition", "true") };
        using var response = await Cosmos.GetContainer(Platform.Database, container).ReadItemStreamAsync(id, new PartitionKey(id), options);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(response.Content);
        return await reader.ReadToEndAsync();
    }

    public TableServiceClient Tables => new(Platform.Stack.Azurite.ConnectionString);

    public QueueServiceClient Queues => new(Platform.Stack.Azurite.ConnectionString);

    public BlobServiceClient Blobs => new(Platform.Stack.Azurite.ConnectionString);

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
