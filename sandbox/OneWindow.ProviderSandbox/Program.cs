using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using OneWindow.ProviderSandbox;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    // appsettings.json is not found when started from another directory; keep the documented port anyway.
    builder.WebHost.UseUrls("http://127.0.0.1:7072");
}

builder.Services.AddProblemDetails();
builder.Services.AddHttpClient("onewindow", client => client.Timeout = TimeSpan.FromSeconds(30));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<SandboxRecordings>();
builder.Services.AddSingleton<SmsReceipts>();
builder.Services.AddSingleton(sp => new FaultInjector(sp.GetRequiredService<IConfiguration>().GetValue("Sandbox:FaultSeed", 7072)));
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();

var sendOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

app.MapGet("/health", () => Results.Ok(new { status = "healthy" }));

// SMS gateway stand-in.
app.MapPost("/gateway/sms/send", async (SmsSendRequest? body, SandboxRecordings recordings, FaultInjector faults, SmsReceipts receipts, TimeProvider time, CancellationToken ct) =>
{
    var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
    Require(errors, "to", body?.To);
    Require(errors, "template", body?.Template);
    Require(errors, "text", body?.Text);
    if (body?.CallbackUrl is { } callback && !(Uri.TryCreate(callback, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
    {
        errors["callbackUrl"] = ["Must be an absolute http or https URL."];
    }

    if (errors.Count > 0)
    {
        return Results.ValidationProblem(errors, detail: "See errors for the fields to correct.");
    }

    var fault = await ApplyFaultAsync(faults, "sms", time, ct);
    if (fault is not null)
    {
        return fault;
    }

    var messageId = "SMS" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
    recordings.Add(new SmsRecord(messageId, body!.To!, body.Template!, body.Text!, body.Reference, time.GetUtcNow()));
    if (body.CallbackUrl is not null)
    {
        receipts.Send(new Uri(body.CallbackUrl), messageId, body.Reference);
    }

    return Results.Ok(new { messageId });
});
// The gateway's send-status query (as providers offer one): was a message with this reference accepted?
app.MapGet("/gateway/sms/sent", (string? reference, SandboxRecordings recordings) =>
    string.IsNullOrEmpty(reference) ? Results.ValidationProblem(new Dictionary<string, string[]> { ["reference"] = ["Required."] })
    : recordings.SmsByReference(reference) is { } sms ? Results.Ok(new { sms.MessageId, sms.Reference, sms.SentAt })
    : Results.NotFound());
app.MapGet("/sandbox/sms", (string? to, SandboxRecordings recordings) =>
    Results.Ok(recordings.Sms(to).Select(s => new { s.To, s.Template, s.Text, s.Reference, s.MessageId, s.SentAt })));

// Courier stand-in.
app.MapPost("/gateway/courier/shipments", async (ShipmentRequest? body, SandboxRecordings recordings, FaultInjector faults, TimeProvider time, CancellationToken ct) =>
{
    var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
    Require(errors, "to", body?.To);
    Require(errors, "address", body?.Address);
    Require(errors, "reference", body?.Reference);
    if (errors.Count > 0)
    {
        return Results.ValidationProblem(errors, detail: "See errors for the fields to correct.");
    }

    var fault = await ApplyFaultAsync(faults, "courier", time, ct);
    if (fault is not null)
    {
        return fault;
    }

    // SF Express style: "SF" and 13 digits. One order per reference (the customer's order id), as couriers keep them.
    var (shipment, created) = recordings.AddShipmentOnce(body!.Reference!, () => new ShipmentRecord(
        "SF" + Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString(CultureInfo.InvariantCulture),
        body.To!, body.Address!, body.Reference!, body.Phone, time.GetUtcNow())
    {
        Documents = body.Documents ?? [],
    });
    return created
        ? Results.Created($"/gateway/courier/shipments/{shipment.Waybill}", new { shipment.Waybill })
        : Results.Ok(new { shipment.Waybill });
});
app.MapGet("/gateway/courier/shipments/{waybill}", (string waybill, SandboxRecordings recordings, TimeProvider time) =>
{
    var shipment = recordings.Shipment(waybill);
    if (shipment is null)
    {
        return Results.Problem(statusCode: 404, title: "Unknown waybill", detail: $"No shipment with waybill {waybill}.");
    }

    // Tracking advances with time so a demo sees the parcel move.
    var elapsed = time.GetUtcNow() - shipment.CreatedAt;
    var events = new List<object> { new { at = shipment.CreatedAt, status = "collected", description = "快件已揽收" } };
    if (elapsed >= TimeSpan.FromMinutes(1))
    {
        events.Add(new { at = shipment.CreatedAt.AddMinutes(1), status = "in-transit", description = "快件运输中" });
    }

    if (elapsed >= TimeSpan.FromMinutes(5))
    {
        events.Add(new { at = shipment.CreatedAt.AddMinutes(5), status = "delivered", description = "快件已签收" });
    }

    return Results.Ok(new { shipment.Waybill, events });
});
app.MapGet("/sandbox/shipments", (SandboxRecordings recordings) =>
    Results.Ok(recordings.Shipments().Select(s => new { s.Waybill, s.To, s.Address, s.Reference, s.Documents, s.Phone, s.CreatedAt, status = recordings.ShipmentStatus(s.Waybill) })));

// Play the courier reporting tracking: sign and send the callback to OneWindow.
app.MapPost("/sandbox/shipments/{waybill}/events", async (string waybill, TrackingRequest? body, SandboxRecordings recordings, IConfiguration config, IHttpClientFactory clients, TimeProvider time, CancellationToken ct) =>
{
    if (body?.Status is not ("collected" or "in-transit" or "signed"))
    {
        return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["Must be collected, in-transit or signed."] }, detail: "See errors for the fields to correct.");
    }

    if (recordings.Shipment(waybill) is null)
    {
        return Results.Problem(statusCode: 404, title: "Unknown waybill", detail: $"No shipment with waybill {waybill}.");
    }

    var payload = JsonSerializer.Serialize(new { waybill, status = body.Status, at = time.GetUtcNow() }, sendOptions);
    var answer = await PostSignedAsync(clients, config, "/api/webhooks/courier", payload, ProviderSecret(config, "Courier"), time, ct);
    if (answer is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
    {
        recordings.SetShipmentStatus(waybill, body.Status);
    }

    return answer;
});

// Bank stand-in: pay a notice (the amount is looked up from OneWindow, as banks query the payment code), then report it.
app.MapPost("/sandbox/payments", async (PaymentRequest? body, SandboxRecordings recordings, FaultInjector faults, IConfiguration config, IHttpClientFactory clients, TimeProvider time, CancellationToken ct) =>
{
    if (string.IsNullOrWhiteSpace(body?.PaymentNotice))
    {
        return Results.ValidationProblem(new Dictionary<string, string[]> { ["paymentNotice"] = ["The paymentNotice field is required."] }, detail: "See errors for the fields to correct.");
    }

    var fault = await ApplyFaultAsync(faults, "bank", time, ct);
    if (fault is not null)
    {
        return fault;
    }

    var secret = ProviderSecret(config, "Bank");
    var amount = body.Amount;
    if (amount is null)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var query = new HttpRequestMessage(HttpMethod.Get, $"{BaseUrl(config)}/api/payment-notices/{Uri.EscapeDataString(body.PaymentNotice)}");
        query.Headers.Add("X-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        query.Headers.Add("X-Signature", WebhookSignature.Sign(secret, timestamp, ""));
        try
        {
            using var found = await clients.CreateClient("onewindow").SendAsync(query, ct);
            var text = await found.Content.ReadAsStringAsync(ct);
            if (!found.IsSuccessStatusCode)
            {
                return Results.Content(text, found.Content.Headers.ContentType?.ToString() ?? "application/json", Encoding.UTF8, (int)found.StatusCode);
            }

            amount = JsonDocument.Parse(text).RootElement.GetProperty("amount").GetDecimal();
        }
        catch (HttpRequestException ex)
        {
            return Results.Problem(statusCode: 502, title: "OneWindow unreachable", detail: ex.Message);
        }
    }

    var transactionId = "TX" + Guid.NewGuid().ToString("N")[..20].ToUpperInvariant();
    var paidAt = time.GetUtcNow();
    var payload = JsonSerializer.Serialize(new { paymentNotice = body.PaymentNotice, amount, paidAt, transactionId }, sendOptions);
    var answer = await PostSignedAsync(clients, config, "/api/webhooks/payments", payload, secret, time, ct);
    recordings.Add(new PaymentRecord(body.PaymentNotice, amount.Value, transactionId, paidAt, answer is IStatusCodeHttpResult { StatusCode: { } code } ? code : 0));
    return answer;
});
app.MapGet("/sandbox/payments", (SandboxRecordings recordings) => Results.Ok(recordings.Payments()));

// Department system stand-ins: verify OneWindow's signed pushes.
app.MapPost("/departments/{department}/callback", async (string department, HttpRequest request, SandboxRecordings recordings, FaultInjector faults, IConfiguration config, TimeProvider time, CancellationToken ct) =>
{
    using var reader = new StreamReader(request.Body, Encoding.UTF8);
    var raw = await reader.ReadToEndAsync(ct);
    var timestamp = request.Headers["X-Timestamp"].ToString();
    var signature = request.Headers["X-Signature"].ToString();
    var deliveryId = request.Headers["X-Delivery-Id"].ToString();
    if (!WebhookSignature.Verify(SecretOf(config, department), timestamp, raw, signature, time.GetUtcNow()))
    {
        return Results.Problem(statusCode: 401, title: "Bad signature", detail: "X-Signature does not match or X-Timestamp is more than 300 s away.");
    }

    if (string.IsNullOrWhiteSpace(deliveryId))
    {
        return Results.ValidationProblem(new Dictionary<string, string[]> { ["X-Delivery-Id"] = ["The header is required."] }, detail: "See errors for the fields to correct.");
    }

    JsonElement parsed;
    try
    {
        using var document = JsonDocument.Parse(raw);
        parsed = document.RootElement.Clone();
    }
    catch (JsonException)
    {
        return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The body is not JSON."] }, detail: "See errors for the fields to correct.");
    }

    var fault = await ApplyFaultAsync(faults, "department", time, ct);
    if (fault is not null)
    {
        return fault;
    }

    recordings.Add(department, new DeliveryRecord(deliveryId, time.GetUtcNow(), parsed));
    return Results.Ok(new { received = deliveryId });
});
app.MapGet("/sandbox/departments/{department}/deliveries", (string department, SandboxRecordings recordings) =>
    Results.Ok(recordings.Deliveries(department).Select(d => new { d.DeliveryId, d.ReceivedAt, d.Body })));

// Play the department deciding: sign and send the inbound webhook to OneWindow.
app.MapPost("/sandbox/departments/{department}/decisions", async (string department, DecisionRequest? body, IConfiguration config, IHttpClientFactory clients, TimeProvider time, CancellationToken ct) =>
{
    var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
    Require(errors, "taskId", body?.TaskId);
    if (body?.Decision is { } d && d is not ("approve" or "reject" or "request-correction"))
    {
        errors["decision"] = ["Must be approve, reject or request-correction."];
    }

    if (body is not null && body.Decision is null && body.Progress is null)
    {
        errors["decision"] = ["Give a decision or a progress update."];
    }

    if (errors.Count > 0)
    {
        return Results.ValidationProblem(errors, detail: "See errors for the fields to correct.");
    }

    var payload = JsonSerializer.Serialize(new { taskId = body!.TaskId, decision = body.Decision, opinion = body.Opinion, items = body.Items, progress = body.Progress, licence = body.Licence }, sendOptions);
    return await PostSignedAsync(clients, config, $"/api/webhooks/departments/{Uri.EscapeDataString(department)}", payload, SecretOf(config, department), time, ct);
});

// Fault injection and reset.
app.MapPost("/sandbox/faults", (FaultRequest? body, FaultInjector faults) =>
{
    var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
    if (body?.Target is null || !FaultInjector.Targets.Contains(body.Target))
    {
        errors["target"] = ["Must be sms, courier, department or bank."];
    }

    if (body?.ErrorRate is { } rate && (rate < 0 || rate > 1 || double.IsNaN(rate)))
    {
        errors["errorRate"] = ["Must be between 0 and 1."];
    }

    if (body?.LatencyMs is { } latency && (latency < 0 || latency > 120_000))
    {
        errors["latencyMs"] = ["Must be between 0 and 120000."];
    }

    if (errors.Count > 0)
    {
        return Results.ValidationProblem(errors, detail: "See errors for the fields to correct.");
    }

    var setting = new FaultSetting(body!.ErrorRate ?? 0, body.LatencyMs ?? 0);
    faults.Set(body.Target!, setting);
    return Results.Ok(new { target = body.Target, setting.ErrorRate, setting.LatencyMs });
});
app.MapGet("/sandbox/faults", (FaultInjector faults) => Results.Ok(faults.Current()));
app.MapDelete("/sandbox/faults", (FaultInjector faults) =>
{
    faults.Reset();
    return Results.NoContent();
});
app.MapPost("/sandbox/reset", (SandboxRecordings recordings) =>
{
    recordings.Clear();
    return Results.NoContent();
});

await app.RunAsync();

static void Require(Dictionary<string, string[]> errors, string field, string? value)
{
    if (string.IsNullOrWhiteSpace(value))
    {
        errors[field] = [$"The {field} field is required."];
    }
}

static string SecretOf(IConfiguration config, string department) =>
    config[$"Departments:{department}:Secret"] ?? $"demo-secret-{department}";

// The courier's and the bank's own webhook secrets (README's demo secrets unless configured).
static string ProviderSecret(IConfiguration config, string provider) =>
    config[$"{provider}:Secret"] ?? $"demo-secret-{provider.ToLowerInvariant()}";

// OneWindowBaseUrl wins; Host:BaseUrl is what the test platform (PlatformInstance) sets.
static string BaseUrl(IConfiguration config) =>
    (config["OneWindowBaseUrl"] ?? config["Host:BaseUrl"] ?? "http://127.0.0.1:7071").TrimEnd('/');

// Signs a webhook as API.md says (X-Delivery-Id, X-Timestamp, X-Signature), posts it to OneWindow, and answers with
// OneWindow's status and body (502 if it cannot be reached).
static async Task<IResult> PostSignedAsync(IHttpClientFactory clients, IConfiguration config, string path, string payload, string secret, TimeProvider time, CancellationToken ct)
{
    var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
    using var message = new HttpRequestMessage(HttpMethod.Post, BaseUrl(config) + path)
    {
        Content = new StringContent(payload, Encoding.UTF8, "application/json"),
    };
    message.Headers.Add("X-Delivery-Id", Guid.NewGuid().ToString("N"));
    message.Headers.Add("X-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
    message.Headers.Add("X-Signature", WebhookSignature.Sign(secret, timestamp, payload));
    try
    {
        using var response = await clients.CreateClient("onewindow").SendAsync(message, ct);
        var answer = await response.Content.ReadAsStringAsync(ct);
        return Results.Content(answer, response.Content.Headers.ContentType?.ToString() ?? "application/json", Encoding.UTF8, (int)response.StatusCode);
    }
    catch (HttpRequestException ex)
    {
        return Results.Problem(statusCode: 502, title: "OneWindow unreachable", detail: ex.Message);
    }
}

static async Task<IResult?> ApplyFaultAsync(FaultInjector faults, string target, TimeProvider time, CancellationToken ct)
{
    var (latency, fail) = faults.Decide(target);
    if (latency > TimeSpan.Zero)
    {
        await Task.Delay(latency, time, ct);
    }

    return fail
        ? Results.Problem(statusCode: 503, title: "Injected fault", detail: $"The sandbox was told to fail {target} requests.")
        : null;
}

/// <summary>Entry point; public so tests can start the app with WebApplicationFactory.</summary>
public partial class Program;
