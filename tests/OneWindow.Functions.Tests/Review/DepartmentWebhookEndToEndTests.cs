using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneWindow.Functions.Tests.Applications;
using Xunit;

namespace OneWindow.Functions.Tests.Review;

/// <summary>Inbound department webhooks: replayed, forged, stale, unknown task, other department, malformed; then termination and consultations.</summary>
[Collection(ReviewCollection.Name)]
public sealed class DepartmentWebhookEndToEndTests(ReviewPlatformFixture fixture)
{
    private const string Department = ReviewPlatformFixture.WebhookDepartment;

    [Fact]
    public async Task Replayed_forged_stale_and_misdirected_webhooks_change_nothing()
    {
        var item = await fixture.CreateItemAsync(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20));
        var (id, _, _, applicant) = await fixture.AcceptedItemCaseAsync(item);
        using var _a = applicant;
        using var supervisor = await fixture.SupervisorAsync();
        var taskId = (string)ReviewPlatformFixture.TaskOf(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id), Department)["id"]!;
        // Wait for the task's own push to be recorded too: a write landing between two snapshots would look like an effect.
        var before = await fixture.WaitForTaskAsync(supervisor, taskId,
            t => t["dueAt"] is not null && t["history"]!.AsArray().Any(e => (string?)e!["type"] == "pushed"), "task open and pushed");

        async Task<string> Snapshot() => (await ApplicationsPlatformFixture.GetJsonAsync(supervisor, "api/tasks/" + taskId)).ToJsonString();
        var now = DateTimeOffset.UtcNow;
        var progress = ReviewPlatformFixture.Json(new { taskId, progress = new { step = "受理审查", note = "材料齐全" } });

        // A replayed delivery: the second arrival is answered 202 and has no effect.
        var delivery = "d-" + Guid.NewGuid().ToString("N");
        using (var first = await fixture.WebhookAsync(Department, progress, delivery, now)) Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var afterFirst = await Snapshot();
        using (var replay = await fixture.WebhookAsync(Department, progress, delivery, now))
        {
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
            Assert.Contains("duplicate", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(afterFirst, await Snapshot());
        Assert.Single(JsonNode.Parse(afterFirst)!["history"]!.AsArray(), e => (string?)e!["type"] == "progress");

        var approve = ReviewPlatformFixture.Json(new { taskId, decision = "approve", opinion = "同意" });
        async Task Refused(HttpResponseMessage response, HttpStatusCode status)
        {
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }

            Assert.Equal(afterFirst, await Snapshot());
        }

        // Forged (another secret), stale (400 s old), unknown task, another department's task, unknown decision, malformed body.
        await Refused(await fixture.WebhookAsync(Department, approve, "d-" + Guid.NewGuid().ToString("N"), now, secret: "not-the-secret"), HttpStatusCode.Unauthorized);
        await Refused(await fixture.WebhookAsync(Department, approve, "d-" + Guid.NewGuid().ToString("N"), now.AddSeconds(-400)), HttpStatusCode.Unauthorized);
        await Refused(await fixture.WebhookAsync(Department, ReviewPlatformFixture.Json(new { taskId = taskId + "-nope", decision = "approve" }), "d-" + Guid.NewGuid().ToString("N"), now), HttpStatusCode.NotFound);
        await Refused(await fixture.WebhookAsync(ReviewPlatformFixture.SecondWebhookDepartment, approve, "d-" + Guid.NewGuid().ToString("N"), now), HttpStatusCode.Forbidden);
        await Refused(await fixture.WebhookAsync(Department, ReviewPlatformFixture.Json(new { taskId, decision = "perhaps" }), "d-" + Guid.NewGuid().ToString("N"), now), HttpStatusCode.BadRequest);
        await Refused(await fixture.WebhookAsync(Department, "{\"taskId\": ", "d-" + Guid.NewGuid().ToString("N"), now), HttpStatusCode.BadRequest);
        using (var unsigned = await fixture.Platform.Client.PostAsync($"api/webhooks/departments/{Department}", new StringContent(approve, System.Text.Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);

        // A good decision, then the same delivery replayed: no second decision.
        var decisionDelivery = "d-" + Guid.NewGuid().ToString("N");
        using (var good = await fixture.WebhookAsync(Department, approve, decisionDelivery, now)) Assert.Equal(HttpStatusCode.Accepted, good.StatusCode);
        using (var again = await fixture.WebhookAsync(Department, approve, decisionDelivery, now)) Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        await fixture.WaitForStatusAsync(applicant, id, "approved");
        var decided = await ApplicationsPlatformFixture.GetJsonAsync(supervisor, "api/tasks/" + taskId);
        Assert.Single(decided["history"]!.AsArray(), e => (string?)e!["type"] == "decision");
        Assert.Equal("system:" + Department, (string?)decided["decidedBy"]);
        Assert.NotEqual(before.ToJsonString(), decided.ToJsonString());
    }

    [Fact]
    public async Task A_captured_webhook_resent_under_a_new_delivery_id_takes_effect_once()
    {
        var item = await fixture.CreateItemAsync(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20));
        var (id, _, _, applicant) = await fixture.AcceptedItemCaseAsync(item);
        using var _a = applicant;
        using var supervisor = await fixture.SupervisorAsync();
        var taskId = (string)ReviewPlatformFixture.TaskOf(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id), Department)["id"]!;
        await fixture.WaitForTaskAsync(supervisor, taskId,
            t => t["dueAt"] is not null && t["history"]!.AsArray().Any(e => (string?)e!["type"] == "pushed"), "task open and pushed");

        // Same body, timestamp and so signature each time; only X-Delivery-Id changes, as a replaying attacker would.
        var now = DateTimeOffset.UtcNow;
        var progress = ReviewPlatformFixture.Json(new { taskId, progress = new { step = "现场核查", note = "已完成" } });
        using (var first = await fixture.WebhookAsync(Department, progress, "d-" + Guid.NewGuid().ToString("N"), now)) Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var afterFirst = (await ApplicationsPlatformFixture.GetJsonAsync(supervisor, "api/tasks/" + taskId)).ToJsonString();
        for (var replay = 0; replay < 2; replay++)
        {
            using var again = await fixture.WebhookAsync(Department, progress, "d-" + Guid.NewGuid().ToString("N"), now);
            var text = await again.Content.ReadAsStringAsync();
            Assert.True(again.StatusCode == HttpStatusCode.Accepted, $"replay answered {(int)again.StatusCode}: {text}");
            Assert.Contains("duplicate", text, StringComparison.Ordinal);
        }

        var after = await ApplicationsPlatformFixture.GetJsonAsync(supervisor, "api/tasks/" + taskId);
        Assert.Equal(afterFirst, after.ToJsonString());
        Assert.Single(after["history"]!.AsArray(), e => (string?)e!["type"] == "progress");

        // A decision replayed under a new id is not taken twice either.
        var approve = ReviewPlatformFixture.Json(new { taskId, decision = "approve", opinion = "同意" });
        using (var decided = await fixture.WebhookAsync(Department, approve, "d-" + Guid.NewGuid().ToString("N"), now)) Assert.Equal(HttpStatusCode.Accepted, decided.StatusCode);
        using (var replayed = await fixture.WebhookAsync(Department, approve, "d-" + Guid.NewGuid().ToString("N"), now))
        {
            Assert.Equal(HttpStatusCode.Accepted, replayed.StatusCode);
            Assert.Contains("duplicate", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await fixture.WaitForStatusAsync(applicant, id, "approved");
        Assert.Single((await ApplicationsPlatformFixture.GetJsonAsync(supervisor, "api/tasks/" + taskId))["history"]!.AsArray(), e => (string?)e!["type"] == "decision");
    }

    [Fact]
    public async Task An_unreachable_department_system_raises_an_alert_after_the_last_try_and_the_task_stays_decidable()
    {
        using (var fault = await fixture.Platform.Sandbox.PostAsJsonAsync("sandbox/faults", new { target = "department", errorRate = 1.0, latencyMs = 0 }))
            Assert.True(fault.IsSuccessStatusCode, await fault.Content.ReadAsStringAsync());
        try
        {
            var item = await fixture.CreateItemAsync(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20));
            var (id, _, _, applicant) = await fixture.AcceptedItemCaseAsync(item);
            using var _a = applicant;
            using var supervisor = await fixture.SupervisorAsync();
            var taskId = (string)ReviewPlatformFixture.TaskOf(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id), Department)["id"]!;

            // Three tries (fixture settings: 1 s, then 2 s apart), then the alert and the mark on the task.
            var task = await fixture.WaitForTaskAsync(supervisor, taskId, t => (bool?)t["pushFailed"] == true, "push given up");
            Assert.Contains(task["history"]!.AsArray(), e => (string?)e!["type"] == "push-failed");
            var alert = (await fixture.AlertsAsync(supervisor, "delivery-failed")).Single(a => (string?)a!["taskId"] == taskId)!;
            Assert.Equal(Department, (string?)alert["department"]);
            var deliveries = (JsonArray)JsonNode.Parse(await fixture.Platform.Sandbox.GetStringAsync($"sandbox/departments/{Department}/deliveries"))!;
            Assert.DoesNotContain(deliveries, d => (string?)d!["body"]!["taskId"] == taskId);

            using var reviewer = await fixture.ReviewerAsync(Department);
            var worklist = (JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(reviewer, $"api/departments/{Department}/tasks");
            Assert.Contains(worklist, t => (string?)t!["taskId"] == taskId);
            using (var decide = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/decision", new { decision = "approve", opinion = "系统不通，窗口内审批" }))
                Assert.Equal(HttpStatusCode.Accepted, decide.StatusCode);
            await fixture.WaitForStatusAsync(applicant, id, "approved");
        }
        finally
        {
            using var clear = await fixture.Platform.Sandbox.DeleteAsync("sandbox/faults");
        }
    }

    [Fact]
    public async Task A_terminated_case_cancels_its_open_tasks_and_tells_their_systems()
    {
        var (id, number, phone, applicant) = await fixture.AcceptedRestaurantCaseAsync();
        using var _a = applicant;
        var review = await fixture.WaitForCaseAsync(applicant, id, c => c["stages"]![0]!["tasks"]!.AsArray().All(t => t!["warningAt"] is not null), "tasks open");
        var market = (string)ReviewPlatformFixture.TaskOf(review, Department)["id"]!;
        await fixture.WaitForDeliveryAsync(Department, market, "task.assigned");

        using var clerk = await fixture.ClientAsync("clerk-1", "clerk");
        using (var missing = await clerk.PostAsJsonAsync($"api/applications/{id}/termination", new { }))
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        using (var reviewer = await fixture.ReviewerAsync(Department))
            Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsJsonAsync($"api/applications/{id}/termination", new { reason = "x" })).StatusCode);
        using (var terminate = await clerk.PostAsJsonAsync($"api/applications/{id}/termination", new { reason = "申请人撤回申请" }))
            Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);

        var ended = await fixture.WaitForStatusAsync(applicant, id, "terminated");
        Assert.Equal("申请人撤回申请", (string?)ended["rejectionReason"]);
        await fixture.WaitForCaseAsync(applicant, id, c => c["stages"]![0]!["tasks"]!.AsArray().All(t => (string?)t!["status"] == "cancelled"), "every task cancelled");
        await fixture.WaitForDeliveryAsync(Department, market, "task.cancelled");
        await fixture.WaitForDeliveryAsync(ReviewPlatformFixture.SecondWebhookDepartment, (string)ReviewPlatformFixture.TaskOf(review, ReviewPlatformFixture.SecondWebhookDepartment)["id"]!, "task.cancelled");
        await fixture.WaitForSmsAsync(phone, number, "已终止办理", "申请人撤回申请");
        using (var twice = await clerk.PostAsJsonAsync($"api/applications/{id}/termination", new { reason = "again" }))
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }

    [Fact]
    public async Task A_case_terminated_while_waiting_for_corrections_closes_the_notice()
    {
        var item = await fixture.CreateItemAsync(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20));
        var (id, _, _, applicant) = await fixture.AcceptedItemCaseAsync(item);
        using var _a = applicant;
        using var reviewer = await fixture.ReviewerAsync(Department);
        var taskId = (string)ReviewPlatformFixture.TaskOf(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id), Department)["id"]!;
        await fixture.WaitForTaskAsync(reviewer, taskId, t => t["dueAt"] is not null, "task open");
        var ask = await fixture.SandboxDecisionAsync(Department, new { taskId, decision = "request-correction", opinion = "材料不全", items = new[] { new { materialCode = "premises-proof", message = "请补充产权证明" } } });
        Assert.True(ask.Status == HttpStatusCode.Accepted, ask.Body);
        var waiting = await fixture.WaitForStatusAsync(applicant, id, "correction-required");
        var correctionId = (string)waiting["corrections"]!.AsArray().Single(c => (string?)c!["source"] == "department")!["id"]!;

        using var chief = await fixture.ChiefAsync(Department);
        using (var terminate = await chief.PostAsJsonAsync($"api/applications/{id}/termination", new { reason = "申请人已注销" }))
            Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        var ended = await fixture.WaitForCaseAsync(applicant, id, c => (string?)c["status"] == "terminated" && (string?)c["corrections"]![0]!["status"] == "closed", "terminated with the notice closed");
        Assert.Equal("cancelled", (string?)ReviewPlatformFixture.TaskOf(ended, Department)["status"]);
        var upload = await ApplicationsPlatformFixture.UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes("late"));
        using var late = await applicant.PostAsJsonAsync($"api/applications/{id}/corrections", new { correctionId, materials = new[] { new { code = "premises-proof", uploadId = upload } } });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task A_consultation_reaches_the_other_department_and_its_answer_is_attached()
    {
        var item = await fixture.CreateItemAsync(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20));
        var (id, _, _, applicant) = await fixture.AcceptedItemCaseAsync(item);
        using var _a = applicant;
        using var reviewer = await fixture.ReviewerAsync(Department);
        using var consulted = await fixture.ReviewerAsync(ReviewPlatformFixture.WorklistDepartment);
        var taskId = (string)ReviewPlatformFixture.TaskOf(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id), Department)["id"]!;
        await fixture.WaitForTaskAsync(reviewer, taskId, t => t["dueAt"] is not null, "task open");

        using (var bad = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/consultations", new { department = "no-such-department", question = "?", workingDays = 2 }))
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var ask = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/consultations", new { department = ReviewPlatformFixture.WorklistDepartment, question = "场所是否符合消防要求？", workingDays = 2 });
        Assert.Equal(HttpStatusCode.Accepted, ask.StatusCode);
        var consultationId = (string)JsonNode.Parse(await ask.Content.ReadAsStringAsync())!["consultationId"]!;

        var worklist = (JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(consulted, $"api/departments/{ReviewPlatformFixture.WorklistDepartment}/tasks");
        var row = worklist.Single(t => (string?)t!["taskId"] == consultationId)!;
        Assert.Equal("consultation", (string?)row["kind"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsJsonAsync($"api/consultations/{consultationId}/answer", new { opinion = "self" })).StatusCode);
        using (var answer = await consulted.PostAsJsonAsync($"api/consultations/{consultationId}/answer", new { opinion = "符合消防要求" }))
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        using (var twice = await consulted.PostAsJsonAsync($"api/consultations/{consultationId}/answer", new { opinion = "again" }))
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        var parent = await fixture.WaitForTaskAsync(reviewer, taskId, t => t["history"]!.AsArray().Any(e => (string?)e!["type"] == "consultation-answered"), "answer attached");
        Assert.Equal("符合消防要求", (string?)parent["consultations"]![0]!["opinion"]);
        var view = await fixture.WaitForCaseAsync(applicant, id, c => c["stages"]![0]!["tasks"]!.AsArray().Any(t => (string?)t!["kind"] == "consultation"), "consultation in the case");
        Assert.Equal("符合消防要求", (string?)ReviewPlatformFixture.TaskOf(view, ReviewPlatformFixture.WorklistDepartment, "consultation")["opinion"]);
    }
}
