using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace OneWindow.ApplicationsBench;

/// <summary>What an applicant's front end does over HTTP, each call timed into a <see cref="LatencyLog"/>.</summary>
public sealed class ApplicantClient(HttpClient api, HttpClient blobs, LatencyLog log)
{
    public const string Item = "individual-business-registration";

    public async Task<JsonNode?> GetAsync(string route, string path)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await api.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            log.Record(route, Stopwatch.GetElapsedTime(started), response.IsSuccessStatusCode, response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} {Trim(text)}");
            return response.IsSuccessStatusCode ? JsonNode.Parse(text) : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            log.Record(route, Stopwatch.GetElapsedTime(started), false, e.GetType().Name + ": " + e.Message);
            return null;
        }
    }

    /// <summary>Reserves an upload and PUTs the bytes to its SAS URL; the upload id, or null on failure.</summary>
    public async Task<string?> UploadAsync(string label)
    {
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.7\n% bench " + label + " " + Guid.NewGuid().ToString("N") + "\n" + new string('x', 2048) + "\n%%EOF\n");
        var reservation = await PostAsync("POST /api/uploads", "api/uploads", new
        {
            fileName = "material.pdf",
            contentType = "application/pdf",
            size = bytes.Length,
            sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        });
        if (reservation is null) return null;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            using var put = new HttpRequestMessage(HttpMethod.Put, (string)reservation["uploadUrl"]!) { Content = content };
            put.Headers.Add("x-ms-blob-type", "BlockBlob");
            using var response = await blobs.SendAsync(put);
            log.Record("PUT blob (SAS URL)", Stopwatch.GetElapsedTime(started), response.IsSuccessStatusCode, response.IsSuccessStatusCode ? null : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return response.IsSuccessStatusCode ? (string)reservation["uploadId"]! : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            log.Record("PUT blob (SAS URL)", Stopwatch.GetElapsedTime(started), false, e.Message);
            return null;
        }
    }

    public Task<JsonNode?> SubmitAsync(string uploadId, string idNumber, string phone, string key) =>
        PostAsync("POST /api/applications", "api/applications", Body(uploadId, idNumber, phone), key);

    public static JsonObject Body(string uploadId, string idNumber, string phone) => new()
    {
        ["itemCode"] = Item,
        ["applicant"] = new JsonObject { ["kind"] = "person", ["name"] = "压测用户", ["idNumber"] = idNumber, ["phone"] = phone },
        ["form"] = new JsonObject { ["shopName"] = "压测小店" },
        ["materials"] = new JsonArray(new JsonObject { ["code"] = "id-card", ["uploadId"] = uploadId }),
        ["delivery"] = new JsonObject { ["method"] = "pickup" },
    };

    private async Task<JsonNode?> PostAsync(string route, string path, object body, string? idempotencyKey = null)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
            using var response = await api.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            log.Record(route, Stopwatch.GetElapsedTime(started), response.IsSuccessStatusCode, response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} {Trim(text)}");
            return response.IsSuccessStatusCode ? JsonNode.Parse(text) : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            log.Record(route, Stopwatch.GetElapsedTime(started), false, e.GetType().Name + ": " + e.Message);
            return null;
        }
    }

    private static string Trim(string text) => text.Length > 300 ? text[..300] : text;

    /// <summary>A valid resident ID number (GB 11643 check character) for a simulated person.</summary>
    public static string IdNumber(int n)
    {
        var body = "110105" + "1990" + (1 + n % 12).ToString("00", System.Globalization.CultureInfo.InvariantCulture) + (1 + n % 28).ToString("00", System.Globalization.CultureInfo.InvariantCulture)
                   + (n % 1000).ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        return body + "10X98765432"[body.Select((c, i) => (c - '0') * weights[i]).Sum() % 11];
    }

    public static string Phone(int n) => "137" + (n % 100_000_000).ToString("00000000", System.Globalization.CultureInfo.InvariantCulture);
}
