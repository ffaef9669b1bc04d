using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using OneWindow.ProviderSandbox;
using OneWindow.Testing;
using Xunit;

namespace OneWindow.ProviderSandbox.Tests;

/// <summary>Decisions are relayed to a fake OneWindow: a real Kestrel listener on a free port that checks the signature itself.</summary>
public sealed class DecisionRelayTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Path, string Body, bool Valid, string DeliveryId)> _received = new();
    private readonly ConcurrentQueue<string> _receipts = new();
    private WebApplication? _oneWindow;
    private int _port;
    private SandboxFactory? _sandbox;

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _oneWindow = builder.Build();
        _oneWindow.MapPost("/api/webhooks/departments/{department}", async (string department, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var valid = WebhookSignature.Verify($"demo-secret-{department}", request.Headers["X-Timestamp"], body, request.Headers["X-Signature"], DateTimeOffset.UtcNow);
            _received.Enqueue((request.Path, body, valid, request.Headers["X-Delivery-Id"].ToString()));
            return valid ? Results.Accepted() : Results.Problem(statusCode: 401);
        });
        _oneWindow.MapPost("/sms/receipts", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            _receipts.Enqueue(await reader.ReadToEndAsync());
            return Results.Ok();
        });
        await _oneWindow.StartAsync();
        _port = port;
        _sandbox = new SandboxFactory($"http://127.0.0.1:{port}");
    }

    public async Task DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        if (_oneWindow is not null)
        {
            await _oneWindow.DisposeAsync();
        }
    }

    [Fact]
    public async Task Decision_is_signed_and_relayed_and_onewindow_answer_is_returned()
    {
        var client = _sandbox!.CreateClient();
        var response = await client.PostAsJsonAsync("/sandbox/departments/amr/decisions", new { taskId = "T-7", decision = "approve", opinion = "同意" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var (path, body, valid, deliveryId) = Assert.Single(_received);
        Assert.Equal("/api/webhooks/departments/amr", path);
        Assert.True(valid);
        Assert.False(string.IsNullOrEmpty(deliveryId));
        using var json = JsonDocument.Parse(body);
        Assert.Equal("T-7", json.RootElement.GetProperty("taskId").GetString());
        Assert.Equal("approve", json.RootElement.GetProperty("decision").GetString());
        Assert.Equal("同意", json.RootElement.GetProperty("opinion").GetString());
        Assert.False(json.RootElement.TryGetProperty("items", out _));
    }

    [Fact]
    public async Task Progress_without_decision_is_relayed()
    {
        var client = _sandbox!.CreateClient();
        var response = await client.PostAsJsonAsync("/sandbox/departments/health/decisions", new { taskId = "T-8", progress = new { step = "现场核查", note = "已安排" } });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var received = Assert.Single(_received);
        Assert.True(received.Valid);
        Assert.Contains("现场核查", JsonDocument.Parse(received.Body).RootElement.GetProperty("progress").GetProperty("step").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_decision_is_400_and_nothing_is_sent()
    {
        var client = _sandbox!.CreateClient();
        var response = await client.PostAsJsonAsync("/sandbox/departments/amr/decisions", new { taskId = "T-9", decision = "maybe" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(_received);
    }

    [Fact]
    public async Task Sms_with_callback_url_gets_a_delivery_receipt()
    {
        var client = _sandbox!.CreateClient();
        var sent = await client.PostAsJsonAsync("/gateway/sms/send", new { to = "13800000003", template = "T", text = "x", reference = "R-1", callbackUrl = $"http://127.0.0.1:{_port}/sms/receipts" });
        var messageId = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetString();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        string? receipt = null;
        while (receipt is null && DateTime.UtcNow < deadline)
        {
            if (!_receipts.TryPeek(out receipt))
            {
                await Task.Delay(20);
            }
        }

        Assert.NotNull(receipt);
        using var json = JsonDocument.Parse(receipt);
        Assert.Equal(messageId, json.RootElement.GetProperty("messageId").GetString());
        Assert.Equal("R-1", json.RootElement.GetProperty("reference").GetString());
        Assert.Equal("delivered", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Sms_with_a_relative_callback_url_is_400()
    {
        var response = await _sandbox!.CreateClient().PostAsJsonAsync("/gateway/sms/send", new { to = "1", template = "T", text = "x", callbackUrl = "/relative" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
