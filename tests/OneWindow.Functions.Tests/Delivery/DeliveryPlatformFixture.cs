using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using OneWindow.Domain.Departments;
using OneWindow.Functions.Tests.Applications;
using OneWindow.Functions.Tests.Review;
using OneWindow.Orchestrations.Delivery;
using OneWindow.Testing;
using Xunit;

namespace OneWindow.Functions.Tests.Delivery;

/// <summary>
/// A platform of its own for the delivery tests (they set sandbox faults, which would disturb other tests): courier
/// dispatch retries every few seconds. Licences are issued by the real issuance function; <c>WaitForLicencesAsync</c>
/// waits for them.
/// </summary>
public class DeliveryPlatformFixture : ReviewPlatformFixture
{
    public const string Address = "示范县人民路1号 政务服务中心对面";

    protected override Dictionary<string, string?> HostEnvironment
    {
        get
        {
            var environment = base.HostEnvironment;
            environment["Providers__Courier__Dispatch__MaxAttempts"] = "40";
            environment["Providers__Courier__Dispatch__FirstDelay"] = "00:00:03";
            environment["Providers__Courier__Dispatch__MaxDelay"] = "00:00:06";
            environment["Providers__Courier__RetryAttempts"] = "1";
            environment["Providers__Courier__RetryDelay"] = "00:00:00.100";
            return environment;
        }
    }

    /// <summary>A copy of the template item charging <paramref name="amount"/> yuan, with an exemption for enterprises.</summary>
    public async Task<string> CreateFeeItemAsync(decimal amount)
    {
        var code = await CreateItemAsync(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60));
        using var admin = await ClientAsync("admin-1", "admin");
        var item = (JsonObject)await ApplicationsPlatformFixture.GetJsonAsync(admin, "api/admin/items/" + code);
        item.Remove("version");
        item["fees"] = new JsonArray(new JsonObject
        {
            ["name"] = "许可证工本费",
            ["amount"] = amount,
            ["basis"] = "《示范县行政事业性收费目录清单》第3项",
            ["exemptions"] = new JsonArray(new JsonObject { ["code"] = "small-enterprise", ["basis"] = "小微企业免征", ["applicantKinds"] = new JsonArray("enterprise") }),
        });
        using var put = await admin.PutAsJsonAsync("api/admin/items/" + code, item);
        Assert.True(put.IsSuccessStatusCode, $"PUT item answered {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync()}");
        return code;
    }

    /// <summary>Submits a case of <paramref name="itemCode"/> to be delivered by <paramref name="method"/> and has it accepted.</summary>
    public Task<(string Id, string Number, string Phone, HttpClient Applicant)> AcceptedCaseAsync(string itemCode, string method) =>
        AcceptedItemCaseAsync(itemCode, method == "courier" ? new JsonObject { ["method"] = "courier", ["address"] = Address } : new JsonObject { ["method"] = "pickup" });

    /// <summary>
    /// Every task of the case approved through the worklist routes by its department's reviewer, stage after stage and the
    /// consolidation too, until the case is <c>approved</c>.
    /// </summary>
    public async Task ApproveEveryTaskAsync(HttpClient applicant, string id)
    {
        var decided = new HashSet<string>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var view = await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id);
            if ((string?)view["status"] == "approved") return;
            foreach (var task in view["stages"]!.AsArray().SelectMany(s => s!["tasks"]!.AsArray()).Where(t => (string?)t!["status"] == "in-review" && !decided.Contains((string)t["id"]!)))
            {
                var taskId = (string)task!["id"]!;
                using var reviewer = await ReviewerAsync((string)task["department"]!);
                using var open = await reviewer.GetAsync("api/tasks/" + taskId);
                if (!open.IsSuccessStatusCode) continue; // its document is not written yet: next round
                using var decide = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/decision", new { decision = "approve", opinion = "符合条件，同意" });
                Assert.True(decide.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict, await decide.Content.ReadAsStringAsync());
                decided.Add(taskId);
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{id} was not approved.\n{view.ToJsonString()}\n{Platform.Host?.Tail()}");
            await Task.Delay(300);
        }
    }

    /// <summary>The case's one review task approved by its department's reviewer; waits for <c>approved</c>.</summary>
    public async Task ApproveAsync(HttpClient applicant, string id)
    {
        var view = await WaitForCaseAsync(applicant, id, c => c["stages"]![0]!["tasks"]![0]!["warningAt"] is not null, "task open");
        var task = view["stages"]![0]!["tasks"]![0]!;
        using var reviewer = await ReviewerAsync((string)task["department"]!);
        await WaitForTaskAsync(reviewer, (string)task["id"]!, t => t["status"] is not null, "task document");
        using var decide = await reviewer.PostAsJsonAsync($"api/tasks/{(string)task["id"]!}/decision", new { decision = "approve", opinion = "符合条件，准予许可" });
        Assert.True(decide.StatusCode == HttpStatusCode.Accepted, await decide.Content.ReadAsStringAsync());
        await WaitForStatusAsync(applicant, id, "approved");
    }

    /// <summary>
    /// Waits until licence issuance (the real <c>IssueLicences</c> queue function) has issued the case's licences and the
    /// delivery step has taken them; returns the first licence number.
    /// </summary>
    public Task<string> WaitForLicencesAsync(HttpClient reader, string id) => WaitForLicencesAsync(Platform, reader, id);

    /// <summary><see cref="WaitForLicencesAsync(HttpClient, string)"/> on any test platform.</summary>
    public static async Task<string> WaitForLicencesAsync(PlatformInstance platform, HttpClient reader, string id)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var view = await ApplicationsPlatformFixture.GetJsonAsync(reader, "api/applications/" + id);
            if (view["delivery"]?["documents"] is JsonArray { Count: > 0 } documents) return (string)documents[0]!;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{id}: no licence issued within 90 s (delivery {view["delivery"]?.ToJsonString()}).\n{platform.Host?.Tail()}");
            await Task.Delay(200);
        }
    }

    /// <summary>Sets a sandbox fault (<c>POST /sandbox/faults</c>).</summary>
    public async Task FaultAsync(string target, double errorRate, int latencyMs = 0)
    {
        using var response = await Platform.Sandbox.PostAsJsonAsync("sandbox/faults", new { target, errorRate, latencyMs });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Clears every sandbox fault.</summary>
    public async Task ClearFaultsAsync() => (await Platform.Sandbox.DeleteAsync("sandbox/faults")).Dispose();

    /// <summary>The sandbox's shipments ordered under the case number <paramref name="number"/>.</summary>
    public async Task<List<JsonNode>> ShipmentsAsync(string number) =>
        ((JsonArray)JsonNode.Parse(await Platform.Sandbox.GetStringAsync("sandbox/shipments"))!).Where(s => (string?)s!["reference"] == number).Select(s => s!).ToList();

    /// <summary>POSTs <paramref name="rawBody"/> to <paramref name="path"/> signed as API.md says, with <paramref name="secret"/> at <paramref name="timestamp"/>.</summary>
    public async Task<HttpResponseMessage> SignedPostAsync(string path, string rawBody, string secret, string? deliveryId = null, DateTimeOffset? timestamp = null, string? signature = null)
    {
        var bytes = Encoding.UTF8.GetBytes(rawBody);
        var unix = (timestamp ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Delivery-Id", deliveryId ?? Guid.NewGuid().ToString("N"));
        request.Headers.Add("X-Timestamp", unix.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Signature", signature ?? DepartmentWebhookSignature.Sign(secret, unix, bytes));
        return await Platform.Client.SendAsync(request);
    }
}
