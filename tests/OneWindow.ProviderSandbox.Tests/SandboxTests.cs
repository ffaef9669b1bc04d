using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OneWindow.ProviderSandbox;
using Xunit;

namespace OneWindow.ProviderSandbox.Tests;

public sealed class SandboxTests : IClassFixture<SandboxFactory>, IAsyncLifetime
{
    private readonly HttpClient _client;

    public SandboxTests(SandboxFactory factory) => _client = factory.CreateClient();

    public async Task InitializeAsync()
    {
        (await _client.PostAsync("/sandbox/reset", null)).EnsureSuccessStatusCode();
        (await _client.DeleteAsync("/sandbox/faults")).EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Health_is_ok()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Sms_is_recorded_and_filtered_by_recipient()
    {
        var sent = await _client.PostAsJsonAsync("/gateway/sms/send", new { to = "13800000001", template = "ACCEPTED", text = "您的申请已受理", reference = "A1" });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var messageId = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetString();
        Assert.False(string.IsNullOrEmpty(messageId));
        await _client.PostAsJsonAsync("/gateway/sms/send", new { to = "13800000002", template = "ISSUED", text = "证照已签发" });

        var all = await _client.GetFromJsonAsync<JsonElement[]>("/sandbox/sms");
        Assert.Equal(2, all!.Length);
        var mine = await _client.GetFromJsonAsync<JsonElement[]>("/sandbox/sms?to=13800000001");
        var only = Assert.Single(mine!);
        Assert.Equal("ACCEPTED", only.GetProperty("template").GetString());
        Assert.Equal("您的申请已受理", only.GetProperty("text").GetString());
        Assert.True(only.TryGetProperty("sentAt", out _));
    }

    [Fact]
    public async Task Sms_without_fields_is_a_validation_problem_and_not_recorded()
    {
        var response = await _client.PostAsJsonAsync("/gateway/sms/send", new { to = "13800000001" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("text", out _));
        Assert.True(problem.TryGetProperty("detail", out _));
        Assert.Empty((await _client.GetFromJsonAsync<JsonElement[]>("/sandbox/sms"))!);
    }

    [Fact]
    public async Task Shipment_gets_an_sf_waybill_and_is_recorded_and_trackable()
    {
        var response = await _client.PostAsJsonAsync("/gateway/courier/shipments", new { to = "张三", address = "某县政务服务中心", reference = "LIC-1", phone = "13800000001" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var waybill = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("waybill").GetString()!;
        Assert.Matches("^SF[0-9]{13}$", waybill);

        var recorded = Assert.Single((await _client.GetFromJsonAsync<JsonElement[]>("/sandbox/shipments"))!);
        Assert.Equal(waybill, recorded.GetProperty("waybill").GetString());
        Assert.Equal("LIC-1", recorded.GetProperty("reference").GetString());

        var tracking = await _client.GetFromJsonAsync<JsonElement>($"/gateway/courier/shipments/{waybill}");
        Assert.Equal("collected", tracking.GetProperty("events")[0].GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/gateway/courier/shipments/SF0000000000000")).StatusCode);
    }

    [Fact]
    public async Task The_same_order_reference_gets_the_same_waybill_and_one_shipment()
    {
        var order = new { to = "张三", address = "某县政务服务中心", reference = "341881-20261130-0001", phone = "13800000001", documents = new[] { "LIC-1" } };
        var first = await _client.PostAsJsonAsync("/gateway/courier/shipments", order);
        var again = await _client.PostAsJsonAsync("/gateway/courier/shipments", order);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("waybill").GetString(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("waybill").GetString());
        var recorded = Assert.Single((await _client.GetFromJsonAsync<JsonElement[]>("/sandbox/shipments"))!);
        Assert.Equal(("created", "LIC-1"), (recorded.GetProperty("status").GetString(), recorded.GetProperty("documents")[0].GetString()));
    }

    [Fact]
    public async Task Tracking_events_of_unknown_waybills_or_statuses_and_payments_without_notice_are_refused_and_the_bank_can_fail()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.PostAsJsonAsync("/sandbox/shipments/SF0000000000000/events", new { status = "signed" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PostAsJsonAsync("/sandbox/shipments/SF0000000000000/events", new { status = "lost" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PostAsJsonAsync("/sandbox/payments", new { amount = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync("/sandbox/faults", new { target = "bank", errorRate = 1.0 })).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _client.PostAsJsonAsync("/sandbox/payments", new { paymentNotice = "34188120261130000152" })).StatusCode);
        Assert.Empty((await _client.GetFromJsonAsync<JsonElement[]>("/sandbox/payments"))!);
    }

    [Fact]
    public async Task Signed_push_is_accepted_and_recorded()
    {
        var body = """{"type":"task.assigned","taskId":"T1","applicationId":"A1","department":"amr"}""";
        var response = await _client.SendAsync(SignedPush("amr", "demo-secret-amr", body, DateTimeOffset.UtcNow, "D-1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var delivery = Assert.Single((await _client.GetFromJsonAsync<JsonElement[]>("/sandbox/departments/amr/deliveries"))!);
        Assert.Equal("D-1", delivery.GetProperty("deliveryId").GetString());
        Assert.Equal("T1", delivery.GetProperty("body").GetProperty("taskId").GetString());
        Assert.Empty((await _client.GetFromJsonAsync<JsonElement[]>("/sandbox/departments/health/deliveries"))!);
    }

    [Fact]
    public async Task Configured_department_secret_replaces_the_demo_secret()
    {
        var body = """{"taskId":"T2"}""";
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(SignedPush("fire", "demo-secret-fire", body, DateTimeOffset.UtcNow, "D-2"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(SignedPush("fire", "configured-fire-secret", body, DateTimeOffset.UtcNow, "D-3"))).StatusCode);
    }

    [Fact]
    public async Task Forged_push_is_401_and_not_recorded()
    {
        var request = SignedPush("amr", "wrong-secret", """{"taskId":"T1"}""", DateTimeOffset.UtcNow, "D-4");
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty((await _client.GetFromJsonAsync<JsonElement[]>("/sandbox/departments/amr/deliveries"))!);
    }

    [Fact]
    public async Task Stale_push_is_401()
    {
        var response = await _client.SendAsync(SignedPush("amr", "demo-secret-amr", """{"taskId":"T1"}""", DateTimeOffset.UtcNow.AddSeconds(-400), "D-5"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Error_rate_one_answers_503_and_records_nothing_until_reset()
    {
        var set = await _client.PostAsJsonAsync("/sandbox/faults", new { target = "sms", errorRate = 1.0, latencyMs = 0 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        var failed = await _client.PostAsJsonAsync("/gateway/sms/send", new { to = "13800000001", template = "T", text = "x" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Empty((await _client.GetFromJsonAsync<JsonElement[]>("/sandbox/sms"))!);
        // Other targets are unaffected.
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsJsonAsync("/gateway/courier/shipments", new { to = "a", address = "b", reference = "c" })).StatusCode);

        await _client.DeleteAsync("/sandbox/faults");
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync("/gateway/sms/send", new { to = "13800000001", template = "T", text = "x" })).StatusCode);
    }

    [Fact]
    public async Task Partial_error_rate_fails_some_but_not_all_requests()
    {
        await _client.PostAsJsonAsync("/sandbox/faults", new { target = "courier", errorRate = 0.5, latencyMs = 0 });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            statuses.Add((await _client.PostAsJsonAsync("/gateway/courier/shipments", new { to = "a", address = "b", reference = $"r{i}" })).StatusCode);
        }

        var failures = statuses.Count(s => s == HttpStatusCode.ServiceUnavailable);
        Assert.InRange(failures, 5, 35);
        Assert.Equal(40 - failures, (await _client.GetFromJsonAsync<JsonElement[]>("/sandbox/shipments"))!.Length);
    }

    [Fact]
    public async Task Latency_is_added_before_answering()
    {
        await _client.PostAsJsonAsync("/sandbox/faults", new { target = "department", errorRate = 0.0, latencyMs = 400 });
        var watch = Stopwatch.StartNew();
        var response = await _client.SendAsync(SignedPush("amr", "demo-secret-amr", """{"taskId":"T9"}""", DateTimeOffset.UtcNow, "D-9"));
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(380), $"answered after {watch.Elapsed}");
    }

    [Theory]
    [InlineData("""{"target":"email","errorRate":0.5}""", "target")]
    [InlineData("""{"target":"sms","errorRate":1.5}""", "errorRate")]
    [InlineData("""{"target":"sms","latencyMs":-1}""", "latencyMs")]
    public async Task Bad_fault_requests_are_validation_problems(string json, string field)
    {
        var response = await _client.PostAsync("/sandbox/faults", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    internal static HttpRequestMessage SignedPush(string department, string secret, string body, DateTimeOffset at, string deliveryId)
    {
        var ts = at.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/departments/{department}/callback")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Delivery-Id", deliveryId);
        request.Headers.Add("X-Timestamp", ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Signature", WebhookSignature.Sign(secret, ts, body));
        return request;
    }
}
