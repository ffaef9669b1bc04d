using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OneWindow.Functions.Tests.Applications;
using Xunit;

namespace OneWindow.Functions.Tests.Enquiries;

/// <summary>
/// Requests for government information through HTTP on the real host: the office asks once for a clarification (the
/// clock starts again when it arrives), routes the request to the department that holds the information, whose chief
/// extends the answer once by 20 working days; the department discloses a file, which goes on paper by courier.
/// </summary>
[Collection(EnquiriesCollection.Name)]
public sealed class DisclosureEndToEndTests(EnquiriesFixture fixture)
{
    private const string Holder = "natural-resources";

    private static JsonObject Request(string phone, string form = "paper") => new()
    {
        ["applicant"] = EnquiriesFixture.Person(phone),
        ["description"] = "示范县2025年度建设用地供应计划及其批复文件",
        ["purpose"] = "了解本村土地规划",
        ["delivery"] = form == "paper" ? new JsonObject { ["form"] = "paper", ["address"] = EnquiriesFixture.Address } : new JsonObject { ["form"] = "electronic" },
    };

    [Fact]
    public async Task A_request_is_clarified_once_routed_extended_disclosed_and_delivered_on_paper()
    {
        var phone = ApplicationsPlatformFixture.NewPhone();
        using var applicant = await fixture.ApplicantAsync("discloser-" + Guid.NewGuid().ToString("N")[..8]);
        var body = Request(phone);

        // Idempotent like submissions: the same key and body give the same case, another body under it is a 409.
        var key = Guid.NewGuid().ToString("N");
        using var first = await EnquiriesFixture.SubmitAsync(applicant, "api/disclosure-requests", key, body);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var answer = (await first.Content.ReadFromJsonAsync<JsonNode>())!;
        var id = (string)answer["id"]!;
        var number = (string)answer["number"]!;
        Assert.Equal("received", (string?)answer["status"]);
        using (var again = await EnquiriesFixture.SubmitAsync(applicant, "api/disclosure-requests", key, body))
            Assert.Equal(id, (string?)(await again.Content.ReadFromJsonAsync<JsonNode>())!["id"]);
        var other = body.DeepClone();
        other["description"] = "另一项信息";
        using (var conflict = await EnquiriesFixture.SubmitAsync(applicant, "api/disclosure-requests", key, other))
            Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

        // The office's intake task: ask once to clarify, with a deadline.
        using var office = await fixture.ReviewerAsync(EnquiriesFixture.Office);
        var intake1 = await fixture.OpenTaskAsync(office, EnquiriesFixture.Office, id, "intake");
        var (status, text) = await EnquiriesFixture.DecideAsync(office, intake1, new { decision = "approve", opinion = "x" });
        Assert.True(status == HttpStatusCode.BadRequest, text); // an intake takes hand-over or clarify only
        (status, text) = await EnquiriesFixture.DecideAsync(office, intake1, new { decision = "clarify", opinion = "请说明所需批复文件的文号或年份", supplyWorkingDays = 5 });
        Assert.True(status == HttpStatusCode.Accepted, text);
        var asked = await fixture.WaitForAsync(applicant, "api/disclosure-requests/" + id, r => (string?)r["status"] == "clarification-required", "clarification asked");
        Assert.Equal("请说明所需批复文件的文号或年份", (string?)asked["clarification"]!["question"]);
        await fixture.WaitForSmsAsync(phone, number, "补正说明");
        Assert.Equal("clarification-required", (string?)(await EnquiriesFixture.ListRowAsync(applicant, id))!["status"]);

        // The clarification restarts the clock: the request counts as received again from now.
        var submittedAt = (DateTimeOffset)asked["receivedAt"]!;
        using (var stranger = await fixture.ApplicantAsync("stranger-" + Guid.NewGuid().ToString("N")[..8]))
        using (var notMine = await stranger.PostAsJsonAsync($"api/disclosure-requests/{id}/clarification", new { text = "x" }))
            Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);
        using (var clarified = await applicant.PostAsJsonAsync($"api/disclosure-requests/{id}/clarification", new { text = "示范县自然资源局2025年第3号批复" }))
            Assert.Equal(HttpStatusCode.Accepted, clarified.StatusCode);
        using (var twice = await applicant.PostAsJsonAsync($"api/disclosure-requests/{id}/clarification", new { text = "另一个说明" }))
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var received = await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/disclosure-requests/" + id);
        var receivedAt = (DateTimeOffset)received["receivedAt"]!;
        Assert.True(receivedAt > submittedAt);

        // A second intake can only route: the request was clarified once.
        var intake2 = await fixture.OpenTaskAsync(office, EnquiriesFixture.Office, id, "intake");
        Assert.NotEqual(intake1, intake2);
        (status, text) = await EnquiriesFixture.DecideAsync(office, intake2, new { decision = "clarify", opinion = "再说明一次" });
        Assert.True(status == HttpStatusCode.BadRequest, text);
        (status, text) = await EnquiriesFixture.DecideAsync(office, intake2, new { decision = "hand-over", opinion = "转自然资源局", department = "no-such-department" });
        Assert.True(status == HttpStatusCode.BadRequest, text);
        (status, text) = await EnquiriesFixture.DecideAsync(office, intake2, new { decision = "hand-over", opinion = "由县自然资源和规划局答复", department = Holder });
        Assert.True(status == HttpStatusCode.Accepted, text);
        await fixture.WaitForAsync(applicant, "api/disclosure-requests/" + id, r => (string?)r["status"] == "in-progress" && (string?)r["holdingDepartment"] == Holder, "routed");

        // The holding department's task runs on the statutory 20 working days from the clarified request.
        using var reviewer = await fixture.ReviewerAsync(Holder);
        var handling = await fixture.OpenTaskAsync(reviewer, Holder, id, "handling");
        var task = await fixture.WaitForTaskAsync(reviewer, handling, t => t["legalDueAt"] is not null, "deadlines");
        Assert.Equal(receivedAt, (DateTimeOffset)task["startedAt"]!);
        Assert.Equal(20, (int)task["extensionCapWorkingDays"]!);
        var legalDue = (DateTimeOffset)task["legalDueAt"]!;
        Assert.InRange((legalDue - receivedAt).TotalDays, 25, 45); // 20 working days: four weeks and more

        // Extended once by 20 working days with the chief's approval (the applicant is told); a second extension is refused.
        using var chief = await fixture.ChiefAsync(Holder);
        using (var extend = await chief.PostAsJsonAsync($"api/tasks/{handling}/extension", new { workingDays = 20, reason = "需调取档案并征求第三方意见" }))
            Assert.Equal(HttpStatusCode.Accepted, extend.StatusCode);
        var extended = await fixture.WaitForTaskAsync(reviewer, handling, t => (DateTimeOffset)t["legalDueAt"]! > legalDue, "extension");
        Assert.InRange(((DateTimeOffset)extended["legalDueAt"]! - legalDue).TotalDays, 25, 45);
        await fixture.WaitForSmsAsync(phone, number, "延长");
        using (var secondExtension = await chief.PostAsJsonAsync($"api/tasks/{handling}/extension", new { workingDays = 5, reason = "再延" }))
            Assert.Equal(HttpStatusCode.BadRequest, secondExtension.StatusCode);

        // Disclosed with a file the reviewer uploaded; a disclosure without its file or with a stranger's upload is refused.
        (status, text) = await EnquiriesFixture.DecideAsync(reviewer, handling, new { decision = "disclosed", opinion = "予以公开" });
        Assert.True(status == HttpStatusCode.BadRequest && text.Contains("fileUploadId", StringComparison.Ordinal), text);
        var othersUpload = await ApplicationsPlatformFixture.UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes("not-the-reviewer's"));
        (status, text) = await EnquiriesFixture.DecideAsync(reviewer, handling, new { decision = "disclosed", opinion = "予以公开", fileUploadId = othersUpload });
        Assert.True(status == HttpStatusCode.BadRequest, text);
        var file = ApplicationsPlatformFixture.FileBytes("用地供应计划");
        var upload = await ApplicationsPlatformFixture.UploadAsync(reviewer, file);
        (status, text) = await EnquiriesFixture.DecideAsync(reviewer, handling, new { decision = "disclosed", opinion = "经审查，所申请信息予以公开，详见附件。", fileUploadId = upload });
        Assert.True(status == HttpStatusCode.Accepted, text);

        var answered = await fixture.WaitForAsync(applicant, "api/disclosure-requests/" + id, r => r["answer"] is not null, "answered");
        Assert.Equal("disclosed", (string?)answered["answer"]!["type"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), (string?)answered["answer"]!["file"]!["sha256"]);
        using (var download = new HttpClient())
            Assert.Equal(file, await download.GetByteArrayAsync((string)answered["answer"]!["file"]!["downloadUrl"]!));
        await fixture.WaitForSmsAsync(phone, number, "予以公开", "快递");

        // Paper: the courier carries it, and the request is delivered when the parcel is signed for.
        var dispatched = await fixture.WaitForAsync(applicant, "api/disclosure-requests/" + id, r => (string?)r["delivery"]?["status"] == "dispatched", "dispatched");
        var waybill = (string)dispatched["delivery"]!["waybill"]!;
        Assert.Equal(EnquiriesFixture.Address, (string?)Assert.Single(await fixture.ShipmentsAsync(number))["address"]);
        using (var signed = await fixture.Platform.Sandbox.PostAsJsonAsync($"sandbox/shipments/{waybill}/events", new { status = "signed" }))
            Assert.Equal(HttpStatusCode.Accepted, signed.StatusCode);
        await fixture.WaitForAsync(applicant, "api/disclosure-requests/" + id, r => (string?)r["status"] == "delivered", "delivered");
        Assert.Equal("delivered", (string?)(await EnquiriesFixture.ListRowAsync(applicant, id))!["status"]);
        Assert.Equal("disclosure", (string?)(await EnquiriesFixture.ListRowAsync(applicant, id))!["kind"]);
        Assert.Equal($"/api/disclosure-requests/{id}", (string?)(await EnquiriesFixture.ListRowAsync(applicant, id))!["statusUrl"]);

        // Public tracking by number works for a request as for an application, without personal data.
        var tracked = await ApplicationsPlatformFixture.GetJsonAsync(fixture.Platform.Client, "api/track/" + number);
        Assert.Equal("delivered", (string?)tracked["status"]);
        Assert.DoesNotContain("李四", tracked.ToJsonString(), StringComparison.Ordinal);

        // The supervisor's timeline tells it in domain terms; the holding department's figures count it.
        using var supervisor = await fixture.SupervisorAsync();
        var timeline = (JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(supervisor, $"api/supervision/applications/{id}/timeline");
        var steps = timeline.Select(s => (string)s!["step"]!).ToList();
        Assert.Contains("clarification-requested", steps);
        Assert.Contains("clarification-received", steps);
        Assert.Contains("extended", steps);
        Assert.Contains("finished", steps);
        Assert.Contains("delivered", steps);
        Assert.Contains(timeline, s => ((string?)s!["detail"] ?? "").Contains("予以公开", StringComparison.Ordinal));
        Assert.Contains(timeline, s => ((string?)s!["detail"] ?? "").Contains("20个工作日，理由：需调取档案", StringComparison.Ordinal));
        var stats = (JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(supervisor, "api/supervision/stats?department=" + Holder);
        Assert.True((int)stats[0]!["completed"]! >= 1);
    }

    [Fact]
    public async Task Answers_that_withhold_need_their_legal_ground_and_a_referral_names_the_body_to_ask()
    {
        var phone = ApplicationsPlatformFixture.NewPhone();
        using var applicant = await fixture.ApplicantAsync("discloser-" + Guid.NewGuid().ToString("N")[..8]);
        var id = (string)(await EnquiriesFixture.SubmitAcceptedAsync(applicant, "api/disclosure-requests", Request(phone, "electronic")))["id"]!;
        using var office = await fixture.ReviewerAsync(EnquiriesFixture.Office);
        var intake = await fixture.OpenTaskAsync(office, EnquiriesFixture.Office, id, "intake");
        var (status, text) = await EnquiriesFixture.DecideAsync(office, intake, new { decision = "hand-over", opinion = "转交", department = Holder });
        Assert.True(status == HttpStatusCode.Accepted, text);

        using var reviewer = await fixture.ReviewerAsync(Holder);
        var handling = await fixture.OpenTaskAsync(reviewer, Holder, id, "handling");
        (status, text) = await EnquiriesFixture.DecideAsync(reviewer, handling, new { decision = "not-disclosed", opinion = "涉及第三方商业秘密" });
        Assert.True(status == HttpStatusCode.BadRequest && text.Contains("legalGround", StringComparison.Ordinal), text);
        (status, text) = await EnquiriesFixture.DecideAsync(reviewer, handling, new { decision = "refer", opinion = "不属于本机关", legalGround = "第十四条" });
        Assert.True(status == HttpStatusCode.BadRequest && text.Contains("referTo", StringComparison.Ordinal), text);
        (status, text) = await EnquiriesFixture.DecideAsync(reviewer, handling, new { decision = "refer", opinion = "该信息由市自然资源和规划局制作并保存", referTo = "市自然资源和规划局" });
        Assert.True(status == HttpStatusCode.Accepted, text);

        var answered = await fixture.WaitForAsync(applicant, "api/disclosure-requests/" + id, r => (string?)r["status"] == "answered", "answered");
        Assert.Equal("refer", (string?)answered["answer"]!["type"]);
        Assert.Equal("市自然资源和规划局", (string?)answered["answer"]!["referTo"]);
        Assert.Null(answered["delivery"]?["waybill"]);
        await fixture.WaitForSmsAsync(phone, "市自然资源和规划局");
    }
}
