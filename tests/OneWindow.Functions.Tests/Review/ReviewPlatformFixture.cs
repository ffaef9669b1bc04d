using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OneWindow.Domain.Departments;
using OneWindow.Functions.Tests.Applications;
using OneWindow.Testing;
using Xunit;

namespace OneWindow.Functions.Tests.Review;

/// <summary>
/// One platform shared by the parallel-review end-to-end tests (the host-kill test has its own). Outbound department
/// notices retry quickly here; tests create their own items with deadlines of seconds through the admin functions.
/// </summary>
public class ReviewPlatformFixture : IAsyncLifetime
{
    public const string WebhookDepartment = "market-regulation";
    public const string SecondWebhookDepartment = "health";
    public const string WorklistDepartment = "fire-rescue";
    public const string ChiefPhone = "0571-6101001";
    public const string SupervisorPhone = "0571-6100000";

    /// <summary>The item copied for test items: market-regulation, id-card and premises-proof required.</summary>
    public const string TemplateItem = ApplicationsPlatformFixture.Item;

    public PlatformInstance Platform { get; private set; } = null!;

    protected virtual Dictionary<string, string?> HostEnvironment => new()
    {
        ["Departments__Notices__MaxAttempts"] = "3",
        ["Departments__Notices__FirstDelay"] = "00:00:01",
        ["Departments__Notices__MaxDelay"] = "00:00:02",
        ["Departments__Notices__RetriesPerAttempt"] = "1",
        ["Departments__Notices__RetryDelay"] = "00:00:00.100",
        ["Providers__Sms__RetryAttempts"] = "1",
        ["Providers__Sms__RetryDelay"] = "00:00:00.100",
        // As behind Azure's front end: the client address is the last X-Forwarded-For entry (RateLimitEndToEndTests).
        ["RateLimiting__ForwardedHops"] = "1",
    };

    public async Task InitializeAsync()
    {
        var options = new PlatformOptions();
        foreach (var (key, value) in HostEnvironment) options.HostEnvironment[key] = value;
        Platform = await PlatformInstance.StartAsync(options);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while ((await Platform.Client.GetAsync("api/catalog/packages/open-restaurant/plan")).StatusCode != HttpStatusCode.OK)
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException("The demo county was not seeded within 60 s.");
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        if (Platform is not null) await Platform.DisposeAsync();
    }

    /// <summary>
    /// Takes an approved pickup case to <c>delivered</c>: waits until its licence is issued and it is ready for pickup, then
    /// the clerk confirms the code the applicant was given (the applicant's own view shows it).
    /// </summary>
    public async Task<JsonNode> PickUpAsync(HttpClient applicant, string id)
    {
        var ready = await WaitForCaseAsync(applicant, id, c => (string?)c["delivery"]?["status"] == "ready-for-pickup", "ready for pickup");
        using var clerk = await ClientAsync("clerk-pickup", "clerk");
        using (var confirm = await clerk.PostAsJsonAsync($"api/applications/{id}/pickup", new { pickupCode = (string?)ready["delivery"]!["pickupCode"] }))
        {
            Assert.Equal(HttpStatusCode.Accepted, confirm.StatusCode);
        }

        return await WaitForStatusAsync(applicant, id, "delivered");
    }

    public async Task<HttpClient> ClientAsync(string subject, string role, string? department = null) =>
        Platform.ClientWithToken(await Platform.TokenAsync(subject, "测试" + role, [role], department));

    public Task<HttpClient> ReviewerAsync(string department, string subject = "reviewer-1") => ClientAsync(subject + "-" + department, "reviewer", department);

    public Task<HttpClient> ChiefAsync(string department) => ClientAsync("chief-" + department, "chief", department);

    public Task<HttpClient> SupervisorAsync() => ClientAsync("supervisor-1", "supervisor");

    /// <summary>Creates a test item (a copy of the template item) with duration deadlines; returns its code.</summary>
    public async Task<string> CreateItemAsync(TimeSpan promised, TimeSpan legal, TimeSpan? warningBefore = null, string department = WebhookDepartment)
    {
        using var admin = await ClientAsync("admin-1", "admin");
        var current = await ApplicationsPlatformFixture.GetJsonAsync(admin, "api/admin/items/" + TemplateItem);
        var code = "t-" + Guid.NewGuid().ToString("N")[..10];
        var body = (JsonObject)current.DeepClone();
        body["code"] = code;
        body["name"] = "测试事项 " + code;
        body["department"] = department;
        body["deadline"] = new JsonObject { ["duration"] = Iso(promised) };
        body["legalDeadline"] = new JsonObject { ["duration"] = Iso(legal) };
        body.Remove("version");
        if (warningBefore is { } w) body["warning"] = new JsonObject { ["duration"] = Iso(w) };
        else body.Remove("warning");
        using var put = await admin.PutAsJsonAsync("api/admin/items/" + code, body);
        Assert.True(put.IsSuccessStatusCode, $"PUT item answered {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync()}");
        return code;
    }

    private static string Iso(TimeSpan span) => "PT" + span.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "S";

    /// <summary>
    /// Submits a case of <paramref name="itemCode"/> (template materials; pickup unless <paramref name="delivery"/> says
    /// otherwise) and has the clerk accept it; returns (id, number, phone).
    /// </summary>
    public async Task<(string Id, string Number, string Phone, HttpClient Applicant)> AcceptedItemCaseAsync(string itemCode, JsonObject? delivery = null)
    {
        var applicant = await ClientAsync("applicant-" + Guid.NewGuid().ToString("N")[..8], "applicant");
        var phone = ApplicationsPlatformFixture.NewPhone();
        var body = ApplicationsPlatformFixture.Body(ApplicationsPlatformFixture.NewIdNumber(), phone,
            ("id-card", await ApplicationsPlatformFixture.UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes("id-card"))),
            ("premises-proof", await ApplicationsPlatformFixture.UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes("premises"))));
        body["itemCode"] = itemCode;
        if (delivery is not null) body["delivery"] = delivery;
        return await SubmitAndAcceptAsync(applicant, body, phone);
    }

    /// <summary>Submits an open-restaurant case with every required material of its plan and has it accepted.</summary>
    public async Task<(string Id, string Number, string Phone, HttpClient Applicant)> AcceptedRestaurantCaseAsync() => await AcceptedPackageCaseAsync("open-restaurant");

    /// <summary>Submits a case of a demo package with every required material of its plan and has it accepted.</summary>
    public async Task<(string Id, string Number, string Phone, HttpClient Applicant)> AcceptedPackageCaseAsync(string packageCode, JsonObject? delivery = null)
    {
        var applicant = await ClientAsync("applicant-" + Guid.NewGuid().ToString("N")[..8], "applicant");
        var plan = await ApplicationsPlatformFixture.GetJsonAsync(Platform.Client, $"api/catalog/packages/{packageCode}/plan");
        var materials = new List<(string, string)>();
        foreach (var material in plan["materials"]!.AsArray())
        {
            // The package plan lists every material; the ones tied to a situation answered "no" below are left out.
            var code = (string)material!["code"]!;
            if (!(bool)material["required"]! || code is "cold-food-process" or "online-sales") continue;
            materials.Add((code, await ApplicationsPlatformFixture.UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes(code))));
        }

        var phone = ApplicationsPlatformFixture.NewPhone();
        var body = ApplicationsPlatformFixture.Body(ApplicationsPlatformFixture.NewIdNumber(), phone, [.. materials]);
        body.Remove("itemCode");
        body["packageCode"] = packageCode;
        if (delivery is not null) body["delivery"] = delivery;
        return await SubmitAndAcceptAsync(applicant, body, phone);
    }

    private async Task<(string Id, string Number, string Phone, HttpClient Applicant)> SubmitAndAcceptAsync(HttpClient applicant, JsonObject body, string phone)
    {
        using var response = await ApplicationsPlatformFixture.SubmitAsync(applicant, Guid.NewGuid().ToString(), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        var json = JsonNode.Parse(text)!;
        var id = (string)json["id"]!;
        using var clerk = await ClientAsync("clerk-1", "clerk");
        await WaitForStatusAsync(applicant, id, "submitted");
        using var decision = await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", new { decision = "accept" });
        Assert.True(decision.StatusCode == HttpStatusCode.Accepted, await decision.Content.ReadAsStringAsync());
        await WaitForStatusAsync(applicant, id, "in-review");
        return (id, (string)json["number"]!, phone, applicant);
    }

    /// <summary>Polls the case until <paramref name="until"/> holds (deadline, no blind sleep).</summary>
    public async Task<JsonNode> WaitForCaseAsync(HttpClient client, string id, Func<JsonNode, bool> until, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var last = await ApplicationsPlatformFixture.GetJsonAsync(client, "api/applications/" + id);
            if (until(last)) return last;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{id}: {what} did not happen.\n{last.ToJsonString()}\n{Platform.Host?.Tail()}");
            await Task.Delay(200);
        }
    }

    public Task<JsonNode> WaitForStatusAsync(HttpClient client, string id, string status, TimeSpan? timeout = null) =>
        WaitForCaseAsync(client, id, c => (string?)c["status"] == status, "status " + status, timeout);

    /// <summary>Polls a task document (GET /api/tasks/{id}) until <paramref name="until"/> holds.</summary>
    public async Task<JsonNode> WaitForTaskAsync(HttpClient client, string taskId, Func<JsonNode, bool> until, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await client.GetAsync("api/tasks/" + taskId);
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode && until(JsonNode.Parse(text)!)) return JsonNode.Parse(text)!;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{taskId}: {what} did not happen ({(int)response.StatusCode}).\n{text}\n{Platform.Host?.Tail()}");
            await Task.Delay(200);
        }
    }

    public static JsonNode TaskOf(JsonNode application, string department, string kind = "review") =>
        application["stages"]!.AsArray().SelectMany(s => s!["tasks"]!.AsArray()).First(t => (string?)t!["department"] == department && (string?)t["kind"] == kind)!;

    /// <summary>Polls the sandbox until <paramref name="phone"/> has an SMS whose text contains every one of <paramref name="parts"/>.</summary>
    public async Task<JsonNode> WaitForSmsAsync(string phone, params string[] parts)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var sms = (JsonArray)JsonNode.Parse(await Platform.Sandbox.GetStringAsync("sandbox/sms?to=" + Uri.EscapeDataString(phone)))!;
            var match = sms.FirstOrDefault(s => parts.All(p => ((string?)s!["text"] ?? "").Contains(p, StringComparison.Ordinal)));
            if (match is not null) return match;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No SMS to {phone} with {string.Join(", ", parts)}; got {sms.ToJsonString()}\n{Platform.Host?.Tail()}");
            await Task.Delay(200);
        }
    }

    /// <summary>How many SMS to <paramref name="phone"/> contain every one of <paramref name="parts"/>.</summary>
    public async Task<int> CountSmsAsync(string phone, params string[] parts) =>
        ((JsonArray)JsonNode.Parse(await Platform.Sandbox.GetStringAsync("sandbox/sms?to=" + Uri.EscapeDataString(phone)))!)
        .Count(s => parts.All(p => ((string?)s!["text"] ?? "").Contains(p, StringComparison.Ordinal)));

    /// <summary>Polls the sandbox until the department's system stand-in received a notice of <paramref name="type"/> for the task.</summary>
    public async Task<JsonNode> WaitForDeliveryAsync(string department, string taskId, string type, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var list = (JsonArray)JsonNode.Parse(await Platform.Sandbox.GetStringAsync($"sandbox/departments/{department}/deliveries"))!;
            var match = list.FirstOrDefault(d => (string?)d!["body"]!["taskId"] == taskId && (string?)d["body"]!["type"] == type);
            if (match is not null) return match;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{department} got no {type} for {taskId}.\n{Platform.Host?.Tail()}");
            await Task.Delay(200);
        }
    }

    /// <summary>The department system deciding through the sandbox (which signs the webhook): OneWindow's status and body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SandboxDecisionAsync(string department, object body)
    {
        using var response = await Platform.Sandbox.PostAsJsonAsync($"sandbox/departments/{department}/decisions", body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sends a webhook straight to OneWindow, signed with <paramref name="secret"/> at <paramref name="timestamp"/>.</summary>
    public async Task<HttpResponseMessage> WebhookAsync(string department, string rawBody, string deliveryId, DateTimeOffset timestamp, string? secret = null)
    {
        var bytes = Encoding.UTF8.GetBytes(rawBody);
        var unix = timestamp.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/departments/{department}") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Delivery-Id", deliveryId);
        request.Headers.Add("X-Timestamp", unix.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Signature", DepartmentWebhookSignature.Sign(secret ?? $"demo-secret-{department}", unix, bytes));
        return await Platform.Client.SendAsync(request);
    }

    public async Task<JsonArray> AlertsAsync(HttpClient supervisor, string? level = null) =>
        (JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(supervisor, "api/supervision/alerts" + (level is null ? "" : "?level=" + level));

    /// <summary>Polls the custom status of an orchestration instance (the task hub's instance table) until it names <paramref name="stage"/>.</summary>
    public async Task<JsonNode> WaitForStageStatusAsync(string instanceId, string stage)
    {
        var table = new Azure.Data.Tables.TableClient(Platform.Stack.Azurite.ConnectionString, Platform.TaskHub + "Instances");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string? text = null;
        while (true)
        {
            var row = await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(instanceId, "");
            text = row.HasValue ? row.Value!.GetString("CustomStatus") : null;
            if (text is not null && JsonNode.Parse(text) is JsonObject status && (string?)status["stage"] == stage) return status;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{instanceId}: custom status {text} never named stage {stage}.");
            await Task.Delay(200);
        }
    }

    public static string Json(object value) => JsonSerializer.Serialize(value, new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
