using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using OneWindow.Data.Review;
using OneWindow.Domain.Departments;
using OneWindow.Domain.Review;
using OneWindow.Functions.Review;
using OneWindow.Functions.Tests.Applications;
using Xunit;
using Xunit.Abstractions;

namespace OneWindow.Functions.Tests.Review;

/// <summary>
/// Over HTTP on the real host: a decision whose raise was lost after its write reaches the review through the outbox timer;
/// a decision delivered twice is acted on once; worklists of decided tasks, paged; expired webhook delivery ids swept.
/// </summary>
public sealed class DecisionOutboxEndToEndTests(DecisionOutboxFixture fixture, ITestOutputHelper output) : IClassFixture<DecisionOutboxFixture>
{
    private const string Lost = ReviewPlatformFixture.WebhookDepartment; // the fixture's host does not raise this department's decisions
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_decision_whose_raise_was_lost_after_the_write_reaches_the_review_through_the_outbox_timer_within_a_minute()
    {
        var (id, taskId, applicant) = await OpenCaseAsync();
        using var _a = applicant;
        using var reviewer = await fixture.ReviewerAsync(Lost);
        var decidedAt = DateTime.UtcNow;
        using (var decide = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/decision", new { decision = "approve", opinion = "同意" }))
            Assert.Equal(HttpStatusCode.Accepted, decide.StatusCode);

        // Written with its outbox record, not raised: the review still waits.
        var pending = await ApplicationsPlatformFixture.GetJsonAsync(reviewer, "api/tasks/" + taskId);
        Assert.True((bool)pending["decisionEventPending"]!);
        Assert.Equal("approve", (string?)pending["outbox"]!["decision"]);
        Assert.Equal("in-review", (string?)ReviewPlatformFixture.TaskOf(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id), Lost)["status"]);

        await fixture.WaitForStatusAsync(applicant, id, "approved", TimeSpan.FromSeconds(60));
        var took = DateTime.UtcNow - decidedAt;
        output.WriteLine($"Lost decision reached the review after {took.TotalSeconds:F1} s (replay timer every 10 s, records from {DecisionOutboxFixture.MinAge.TotalSeconds} s old).");
        Assert.True(took < TimeSpan.FromSeconds(60), $"took {took}");
        var task = await fixture.WaitForTaskAsync(reviewer, taskId, t => !(bool)t["decisionEventPending"]!, "outbox record cleared");
        Assert.Equal("approved", (string?)task["status"]);
        Assert.Null(task["outbox"]);
        Assert.Single(task["history"]!.AsArray(), h => (string?)h!["type"] == "decision");
    }

    [Fact]
    public async Task A_request_correction_delivered_twice_is_acted_on_once()
    {
        var (id, taskId, applicant) = await OpenCaseAsync();
        using var _a = applicant;
        using var reviewer = await fixture.ReviewerAsync(Lost);
        using (var ask = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/decision", new
        {
            decision = "request-correction",
            opinion = "材料不全",
            items = new object[] { new { materialCode = "premises-proof", message = "租赁合同需加盖出租方公章" } },
            supplyWorkingDays = 5,
        }))
            Assert.Equal(HttpStatusCode.Accepted, ask.StatusCode);
        var record = JsonSerializer.Deserialize<DecisionOutboxRecord>((await ApplicationsPlatformFixture.GetJsonAsync(reviewer, "api/tasks/" + taskId))["outbox"]!, Web)!;
        Assert.Equal("request-correction", record.Decision);

        var waiting = await fixture.WaitForStatusAsync(applicant, id, "correction-required", TimeSpan.FromSeconds(60));
        await fixture.WaitForTaskAsync(reviewer, taskId, t => t["outbox"] is null, "outbox record cleared after the replay");

        // What a host that raised the event and died before clearing the record leaves: the record and its index row. The
        // timer raises it again, with the same event id, while the task waits for the applicant (the event stays buffered).
        var tasks = TasksContainer();
        await new CosmosReviewTaskStore(tasks).UpdateAsync(taskId, t => t with { Outbox = record });
        await new CosmosDecisionOutboxIndex(tasks).AddAsync(new OutboxEntry(record.EventId, taskId, record.RecordedAt));
        await fixture.WaitForTaskAsync(reviewer, taskId, t => t["outbox"] is null, "the record replayed a second time", TimeSpan.FromSeconds(60));

        var correction = waiting["corrections"]!.AsArray().Single(c => (string?)c!["source"] == "department")!;
        var upload = await ApplicationsPlatformFixture.UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes("premises-2"));
        using (var answer = await applicant.PostAsJsonAsync($"api/applications/{id}/corrections", new { correctionId = (string)correction["id"]!, materials = new[] { new { code = "premises-proof", uploadId = upload } } }))
            Assert.True(answer.StatusCode == HttpStatusCode.Accepted, await answer.Content.ReadAsStringAsync());
        await fixture.WaitForTaskAsync(reviewer, taskId, t => (string?)t["status"] == "in-review", "back in review");

        // Taken as a new decision, the buffered repeat would ask for corrections again and this approval would not go through.
        using (var approve = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/decision", new { decision = "approve", opinion = "补正后符合条件" }))
            Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        var done = await fixture.WaitForStatusAsync(applicant, id, "approved", TimeSpan.FromSeconds(60));
        Assert.Single(done["corrections"]!.AsArray(), c => (string?)c!["source"] == "department");
        var task = await ApplicationsPlatformFixture.GetJsonAsync(reviewer, "api/tasks/" + taskId);
        Assert.Single(task["history"]!.AsArray(), h => (string?)h!["type"] == "correction-requested");
    }

    [Fact]
    public async Task Decided_tasks_are_listed_by_status_newest_first_in_pages_and_a_bad_status_or_token_is_refused()
    {
        const string department = ReviewPlatformFixture.WorklistDepartment;
        var item = await fixture.CreateItemAsync(TimeSpan.FromHours(1), TimeSpan.FromHours(2), department: department);
        using var reviewer = await fixture.ReviewerAsync(department);
        var approved = new List<string>();
        foreach (var decision in new[] { "approve", "approve", "approve", "reject" })
        {
            var (id, _, _, applicant) = await fixture.AcceptedItemCaseAsync(item);
            using var _a = applicant;
            var taskId = (string)ReviewPlatformFixture.TaskOf(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id), department)["id"]!;
            await fixture.WaitForTaskAsync(reviewer, taskId, t => t["dueAt"] is not null, "task open");
            using (var decide = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/decision", new { decision, opinion = "意见" }))
                Assert.Equal(HttpStatusCode.Accepted, decide.StatusCode);
            await fixture.WaitForStatusAsync(applicant, id, decision == "approve" ? "approved" : "rejected");
            if (decision == "approve") approved.Add(taskId);
            else await WaitForWorklistAsync(reviewer, department, "rejected", taskId);
        }

        await WaitForWorklistAsync(reviewer, department, "approved", approved[^1]);
        var (first, token) = await WorklistPageAsync(reviewer, $"api/departments/{department}/tasks?status=approved&pageSize=2");
        Assert.Equal(new[] { approved[2], approved[1] }, first.Select(t => (string)t!["taskId"]!));
        Assert.All(first, t => Assert.Equal("approved", (string?)t!["status"]));
        Assert.True((DateTimeOffset)first[0]!["decidedAt"]! >= (DateTimeOffset)first[1]!["decidedAt"]!);
        Assert.NotNull(token);
        var (second, end) = await WorklistPageAsync(reviewer, $"api/departments/{department}/tasks?status=approved&pageSize=2&continuationToken={Uri.EscapeDataString(token!)}");
        Assert.Equal(new[] { approved[0] }, second.Select(t => (string)t!["taskId"]!));
        Assert.Null(end);
        var (rejected, _) = await WorklistPageAsync(reviewer, $"api/departments/{department}/tasks?status=rejected");
        Assert.Single(rejected);
        var (open, _) = await WorklistPageAsync(reviewer, $"api/departments/{department}/tasks?status=open");
        Assert.DoesNotContain(open, t => approved.Contains((string)t!["taskId"]!));

        foreach (var query in new[] { "status=done", "status=approved&continuationToken=not-a-token", $"status=rejected&continuationToken={Uri.EscapeDataString(token!)}", "status=approved&pageSize=0", "status=open&pageSize=101" })
        {
            using var bad = await reviewer.GetAsync($"api/departments/{department}/tasks?{query}");
            Assert.True(bad.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)bad.StatusCode}");
            var problem = JsonNode.Parse(await bad.Content.ReadAsStringAsync())!;
            Assert.False(string.IsNullOrEmpty((string?)problem["detail"]), query);
        }
    }

    [Fact]
    public async Task Expired_webhook_delivery_ids_and_signatures_are_swept_by_the_timer_and_carry_a_ttl_for_azure()
    {
        var (_, taskId, applicant) = await OpenCaseAsync();
        using var _a = applicant;
        var deliveryId = "progress-" + Guid.NewGuid().ToString("N");
        var body = ReviewPlatformFixture.Json(new { taskId, progress = new { step = "现场核查", note = "已安排" } });
        var timestamp = DateTimeOffset.UtcNow;
        using (var sent = await fixture.WebhookAsync(Lost, body, deliveryId, timestamp))
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);

        var deliveries = fixture.Platform.Stack.Cosmos.CreateClient().GetContainer(fixture.Platform.Database, ReviewContainers.WebhookDeliveries);
        var recordId = $"delivery-{Lost}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryId)))}";
        var signatureId = $"signature-{Lost}-{Signature(body, timestamp)}";
        var record = await ReadAsync(deliveries, recordId);
        Assert.NotNull(record);
        var memory = (int)OneWindow.Functions.Webhooks.SignedWebhooks.DeliveryMemory.TotalSeconds;
        Assert.InRange((int)record!["ttl"]!, memory - 5, memory);
        Assert.NotNull(await ReadAsync(deliveries, signatureId));

        using (var admin = await fixture.ClientAsync("admin-1", "admin"))
        using (var moved = await admin.PostAsJsonAsync("api/dev/clock", new { advance = "P3D" }))
            Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await ReadAsync(deliveries, recordId) is not null || await ReadAsync(deliveries, signatureId) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The sweep did not delete the expired records.\n{fixture.Platform.Host?.Tail()}");
            await Task.Delay(250);
        }
    }

    /// <summary>A case of a fresh item of the lost-raise department, accepted, its task open: (case id, task id, applicant).</summary>
    private async Task<(string Id, string TaskId, HttpClient Applicant)> OpenCaseAsync()
    {
        var item = await fixture.CreateItemAsync(TimeSpan.FromHours(1), TimeSpan.FromHours(2));
        var (id, _, _, applicant) = await fixture.AcceptedItemCaseAsync(item);
        var taskId = (string)ReviewPlatformFixture.TaskOf(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id), Lost)["id"]!;
        using var supervisor = await fixture.SupervisorAsync();
        await fixture.WaitForTaskAsync(supervisor, taskId, t => t["dueAt"] is not null, "task open");
        return (id, taskId, applicant);
    }

    private Container TasksContainer() => fixture.Platform.Stack.Cosmos.CreateClient().GetContainer(fixture.Platform.Database, ReviewContainers.Tasks);

    private static async Task<JsonNode?> ReadAsync(Container container, string id)
    {
        // The local server answers 500 to a point read of a missing document without this header (IdDocuments).
        var options = new ItemRequestOptions { AddRequestHeaders = h => h.Add("x-ms-documentdb-query-enablecrosspartition", "true") };
        using var response = await container.ReadItemStreamAsync(id, new PartitionKey(id), options);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await JsonNode.ParseAsync(response.Content);
    }

    private static string Signature(string body, DateTimeOffset timestamp) =>
        DepartmentWebhookSignature.Sign($"demo-secret-{Lost}", timestamp.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(body))["sha256=".Length..];

    private static async Task<(JsonArray Rows, string? Token)> WorklistPageAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        return ((JsonArray)JsonNode.Parse(text)!, response.Headers.TryGetValues(DepartmentWorkFunctions.ContinuationHeader, out var values) ? values.Single() : null);
    }

    private async Task WaitForWorklistAsync(HttpClient client, string department, string status, string taskId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await WorklistPageAsync(client, $"api/departments/{department}/tasks?status={status}")).Rows.Any(t => (string?)t!["taskId"] == taskId))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{taskId} never listed as {status}.\n{fixture.Platform.Host?.Tail()}");
            await Task.Delay(200);
        }
    }
}
