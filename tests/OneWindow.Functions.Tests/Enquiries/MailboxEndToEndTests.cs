using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml;
using OneWindow.Functions.Tests.Applications;
using Xunit;

namespace OneWindow.Functions.Tests.Enquiries;

/// <summary>
/// The government mailbox through HTTP on the real host: a complaint handed over, answered, rated 1 and reopened once to
/// the department's chief; an anonymous suggestion answered and listed publicly without personal data; bad letters
/// refused with nothing stored; and a letter left unrouted past its hand-off deadline raising an alert.
/// </summary>
[Collection(EnquiriesCollection.Name)]
public sealed class MailboxEndToEndTests(EnquiriesFixture fixture)
{
    private const string Department = "fire-rescue";

    private static JsonObject Letter(string type, string subject, string content, string? phone) => phone is null
        ? new JsonObject { ["type"] = type, ["subject"] = subject, ["content"] = content, ["anonymous"] = true }
        : new JsonObject { ["type"] = type, ["subject"] = subject, ["content"] = content, ["applicant"] = EnquiriesFixture.Person(phone) };

    private async Task<string> HandOverAsync(string id)
    {
        using var office = await fixture.ReviewerAsync(EnquiriesFixture.Office);
        var intake = await fixture.OpenTaskAsync(office, EnquiriesFixture.Office, id, "intake");
        var (status, text) = await EnquiriesFixture.DecideAsync(office, intake, new { decision = "clarify", opinion = "请说明" });
        Assert.True(status == HttpStatusCode.BadRequest, text); // a letter's intake only hands over
        (status, text) = await EnquiriesFixture.DecideAsync(office, intake, new { decision = "hand-over", opinion = "转县消防救援大队办理", department = Department });
        Assert.True(status == HttpStatusCode.Accepted, text);
        return intake;
    }

    [Fact]
    public async Task A_complaint_rated_poorly_reopens_once_to_the_chief_and_closes_after_the_second_rating()
    {
        var phone = ApplicationsPlatformFixture.NewPhone();
        using var writer = await fixture.ApplicantAsync("writer-" + Guid.NewGuid().ToString("N")[..8]);
        var answer = await EnquiriesFixture.SubmitAcceptedAsync(writer, "api/mailbox", Letter("complaint", "商场安全出口被堵", "人民路商场二楼安全出口长期堆放货物，存在火灾隐患。", phone));
        var id = (string)answer["id"]!;
        var number = (string)answer["number"]!;
        Assert.Equal("received", (string?)answer["status"]);

        // Nothing to rate before the reply.
        using (var early = await writer.PostAsJsonAsync($"api/mailbox/{id}/rating", new { score = 5 }))
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        await HandOverAsync(id);
        await fixture.WaitForAsync(writer, "api/mailbox/" + id, l => (string?)l["status"] == "in-progress" && (string?)l["department"] == Department, "handed over");
        await fixture.WaitForSmsAsync(phone, number, "已受理");

        using var reviewer = await fixture.ReviewerAsync(Department);
        var handling1 = await fixture.OpenTaskAsync(reviewer, Department, id, "handling");
        var (status, text) = await EnquiriesFixture.DecideAsync(reviewer, handling1, new { decision = "reply" });
        Assert.True(status == HttpStatusCode.BadRequest && text.Contains("opinion", StringComparison.Ordinal), text);
        (status, text) = await EnquiriesFixture.DecideAsync(reviewer, handling1, new { decision = "reply", opinion = "已派员检查，责令商场当日清理。" });
        Assert.True(status == HttpStatusCode.Accepted, text);
        await fixture.WaitForAsync(writer, "api/mailbox/" + id, l => (string?)l["status"] == "replied", "replied");
        await fixture.WaitForSmsAsync(phone, number, "已派员检查");

        // Rated 1: the complaint reopens to the department's chief, whom alone the second task takes.
        using (var rated = await writer.PostAsJsonAsync($"api/mailbox/{id}/rating", new { score = 1, comment = "现场仍未清理" }))
            Assert.Equal(HttpStatusCode.Created, rated.StatusCode);
        using (var sameAgain = await writer.PostAsJsonAsync($"api/mailbox/{id}/rating", new { score = 1, comment = "现场仍未清理" }))
            Assert.Equal(HttpStatusCode.Created, sameAgain.StatusCode); // the same rating repeated: its event raised again, nothing new
        using (var changed = await writer.PostAsJsonAsync($"api/mailbox/{id}/rating", new { score = 3 }))
            Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        await fixture.WaitForAsync(writer, "api/mailbox/" + id, l => (string?)l["status"] == "reopened" && (bool)l["reopened"]!, "reopened");
        await fixture.WaitForSmsAsync(phone, number, "部门负责人");

        var handling2 = await fixture.OpenTaskAsync(reviewer, Department, id, "handling");
        Assert.NotEqual(handling1, handling2);
        (status, text) = await EnquiriesFixture.DecideAsync(reviewer, handling2, new { decision = "reply", opinion = "再次答复" });
        Assert.True(status == HttpStatusCode.Forbidden, text);
        using var chief = await fixture.ChiefAsync(Department);
        (status, text) = await EnquiriesFixture.DecideAsync(chief, handling2, new { decision = "reply", opinion = "大队负责人复查：货物已全部清理，并对商场立案处罚。" });
        Assert.True(status == HttpStatusCode.Accepted, text);
        await fixture.WaitForAsync(writer, "api/mailbox/" + id, l => (string?)l["status"] == "replied" && l["replies"]!.AsArray().Count == 2, "second reply");

        // A second poor rating does not reopen it again: the letter closes.
        using (var second = await writer.PostAsJsonAsync($"api/mailbox/{id}/rating", new { score = 2 }))
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var closed = await fixture.WaitForAsync(writer, "api/mailbox/" + id, l => (string?)l["status"] == "closed", "closed");
        Assert.Equal([1, 2], closed["ratings"]!.AsArray().Select(r => (int)r!["score"]!));
        using (var third = await writer.PostAsJsonAsync($"api/mailbox/{id}/rating", new { score = 5 }))
            Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Equal("closed", (string?)(await EnquiriesFixture.ListRowAsync(writer, id))!["status"]);
        Assert.Equal("mailbox", (string?)(await EnquiriesFixture.ListRowAsync(writer, id))!["kind"]);

        // Supervision: the ratings are evaluations of the department (with a follow-up), the timeline tells the story.
        using var supervisor = await fixture.SupervisorAsync();
        var evaluations = (JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(supervisor, "api/supervision/evaluations?maxScore=2");
        Assert.Equal(2, evaluations.Count(e => (string?)e!["applicationId"] == id));
        var timeline = (JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(supervisor, $"api/supervision/applications/{id}/timeline");
        var steps = timeline.Select(s => (string)s!["step"]!).ToList();
        Assert.Contains("replied", steps);
        Assert.Contains("replied-again", steps);
        Assert.Equal(2, steps.Count(s => s == "rated"));
        var stats = (JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(supervisor, "api/supervision/stats?department=" + Department);
        Assert.True((int)stats[0]!["completed"]! >= 2);
        Assert.True((int)stats[0]!["evaluations"]! >= 2);
    }

    [Fact]
    public async Task An_anonymous_suggestion_is_answered_and_listed_publicly_without_personal_data()
    {
        using var writer = await fixture.ApplicantAsync("anonymous-" + Guid.NewGuid().ToString("N")[..8]);
        var subject = "建议增设夜间办事窗口 " + Guid.NewGuid().ToString("N")[..6];
        var id = (string)(await EnquiriesFixture.SubmitAcceptedAsync(writer, "api/mailbox", Letter("suggestion", subject, "上班族白天难以请假，建议每周两晚延长服务时间。", null)))["id"]!;
        var letter = await ApplicationsPlatformFixture.GetJsonAsync(writer, "api/mailbox/" + id);
        Assert.True((bool)letter["anonymous"]!);
        Assert.Null(letter["applicant"]);

        await HandOverAsync(id);
        using var reviewer = await fixture.ReviewerAsync(Department);
        var handling = await fixture.OpenTaskAsync(reviewer, Department, id, "handling");
        var (status, text) = await EnquiriesFixture.DecideAsync(reviewer, handling, new { decision = "reply", opinion = "感谢建议，政务服务中心将于下月起每周二、四延时至20时。" });
        Assert.True(status == HttpStatusCode.Accepted, text);
        await fixture.WaitForAsync(writer, "api/mailbox/" + id, l => (string?)l["status"] == "replied", "replied");

        // Public, without a token, with no writer at all.
        var list = await fixture.WaitForAsync(fixture.Platform.Client, "api/mailbox/public", l => l.AsArray().Any(r => (string?)r!["subject"] == subject), "on the public list");
        var row = list.AsArray().First(r => (string?)r!["subject"] == subject)!;
        Assert.Contains("延时至20时", (string?)row["reply"], StringComparison.Ordinal);
        Assert.Null(row["applicant"]);
        Assert.Null(row["id"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Platform.Client.GetAsync("api/mailbox/public?year=abc")).StatusCode);

        // Rated well, it closes; the rating counts for the department.
        using (var rated = await writer.PostAsJsonAsync($"api/mailbox/{id}/rating", new { score = 5 }))
            Assert.Equal(HttpStatusCode.Created, rated.StatusCode);
        await fixture.WaitForAsync(writer, "api/mailbox/" + id, l => (string?)l["status"] == "closed", "closed");
    }

    [Fact]
    public async Task Bad_letters_and_requests_are_problems_and_nothing_is_stored()
    {
        using var writer = await fixture.ApplicantAsync("bad-" + Guid.NewGuid().ToString("N")[..8]);
        var idNumber = ApplicationsPlatformFixture.NewIdNumber();
        var cases = new (string Path, JsonNode Body, string Field)[]
        {
            ("api/mailbox", Letter("complaint", "投诉", $"请处理身份证号为{idNumber}的人员违规行为", null), "content"),
            ("api/mailbox", Letter("complaint", $"举报{idNumber}", "内容", null), "subject"),
            ("api/mailbox", Letter("suggestion", "建议", "请联系我 138 0013 8000", null), "content"),
            ("api/mailbox", Letter("praise", "表扬", "内容", ApplicationsPlatformFixture.NewPhone()), "type"),
            ("api/mailbox", new JsonObject { ["type"] = "consultation", ["subject"] = "咨询", ["content"] = "内容" }, "applicant"),
            ("api/mailbox", new JsonObject { ["type"] = "consultation", ["subject"] = "咨询", ["content"] = "内容", ["anonymous"] = "yes" }, "anonymous"),
            ("api/disclosure-requests", new JsonObject { ["applicant"] = EnquiriesFixture.Person(ApplicationsPlatformFixture.NewPhone()), ["delivery"] = new JsonObject { ["form"] = "electronic" } }, "description"),
            ("api/disclosure-requests", new JsonObject { ["applicant"] = EnquiriesFixture.Person(ApplicationsPlatformFixture.NewPhone()), ["description"] = "信息", ["purpose"] = new string('长', 501), ["delivery"] = new JsonObject { ["form"] = "electronic" } }, "purpose"),
            ("api/disclosure-requests", new JsonObject { ["applicant"] = EnquiriesFixture.Person(ApplicationsPlatformFixture.NewPhone()), ["description"] = "信息", ["delivery"] = new JsonObject { ["form"] = "paper" } }, "delivery.address"),
            ("api/disclosure-requests", new JsonObject { ["applicant"] = EnquiriesFixture.Person(ApplicationsPlatformFixture.NewPhone()), ["description"] = "信息", ["itemCode"] = "individual-business-registration", ["delivery"] = new JsonObject { ["form"] = "electronic" } }, "itemCode"),
            ("api/applications", new JsonObject { ["itemCode"] = "information-disclosure", ["applicant"] = EnquiriesFixture.Person(ApplicationsPlatformFixture.NewPhone()), ["materials"] = new JsonArray(), ["delivery"] = new JsonObject { ["method"] = "pickup" } }, "itemCode"),
        };
        foreach (var (path, body, field) in cases)
        {
            using var response = await EnquiriesFixture.SubmitAsync(writer, path, Guid.NewGuid().ToString("N"), body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} {body.ToJsonString()}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(JsonNode.Parse(text)!["errors"]![field] is not null, $"{field} not named: {text}");
        }

        using (var noKey = await writer.PostAsJsonAsync("api/mailbox", Letter("suggestion", "建议", "内容", null)))
            Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        using (var badRating = await writer.PostAsJsonAsync("api/mailbox/app-aaaaaaaaaaaaaaaaaaaa/rating", new { score = 6 }))
            Assert.Equal(HttpStatusCode.BadRequest, badRating.StatusCode);
        using (var unknown = await writer.PostAsJsonAsync("api/mailbox/app-aaaaaaaaaaaaaaaaaaaa/rating", new { score = 4 }))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using (var emptyClarification = await writer.PostAsJsonAsync("api/disclosure-requests/app-aaaaaaaaaaaaaaaaaaaa/clarification", new { text = " " }))
            Assert.Equal(HttpStatusCode.BadRequest, emptyClarification.StatusCode);

        // Nothing stored: the writer's own list is empty.
        Assert.Empty((JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(writer, "api/applications"));
    }

    [Fact]
    public async Task A_letter_not_handed_over_within_its_working_day_raises_an_alert()
    {
        using var writer = await fixture.ApplicantAsync("late-" + Guid.NewGuid().ToString("N")[..8]);
        var id = (string)(await EnquiriesFixture.SubmitAcceptedAsync(writer, "api/mailbox", Letter("consultation", "咨询居住证办理", "外地户籍如何办理居住证？", ApplicationsPlatformFixture.NewPhone())))["id"]!;
        using var office = await fixture.ReviewerAsync(EnquiriesFixture.Office);
        var intake = await fixture.OpenTaskAsync(office, EnquiriesFixture.Office, id, "intake");

        // Four days on: more than the one working day the office has to hand it over, whatever the weekday.
        using (var admin = await fixture.ClientAsync("admin-1", "admin"))
        using (var moved = await admin.PostAsJsonAsync("api/dev/clock", new { advance = XmlConvert.ToString(TimeSpan.FromDays(4)) }))
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        using var supervisor = await fixture.SupervisorAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await fixture.AlertsAsync(supervisor, "overdue")).Any(a => (string?)a!["taskId"] == intake))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No overdue alert for {intake}.\n{fixture.Platform.Host?.Tail()}");
            await Task.Delay(200);
        }

        // Handing it over closes the alert.
        var (status, text) = await EnquiriesFixture.DecideAsync(office, intake, new { decision = "hand-over", opinion = "转县公安局", department = "public-security" });
        Assert.True(status == HttpStatusCode.Accepted, text);
        await fixture.WaitForAsync(writer, "api/mailbox/" + id, l => (string?)l["status"] == "in-progress", "handed over");
        Assert.DoesNotContain(await fixture.AlertsAsync(supervisor), a => (string?)a!["taskId"] == intake);
    }
}
