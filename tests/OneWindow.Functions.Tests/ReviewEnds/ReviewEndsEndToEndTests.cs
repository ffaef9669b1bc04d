using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneWindow.Domain.Calendar;
using OneWindow.Functions.Tests.Applications;
using OneWindow.Functions.Tests.Review;
using Xunit;

namespace OneWindow.Functions.Tests.ReviewEnds;

/// <summary>
/// Issue 16 end to end through HTTP on the real host: deferred acceptance (容缺受理) gating the approval and ending the
/// case when the materials are late, consultation timers, the green channel per case, and deadlines re-derived when a
/// year's official holiday arrangement is loaded. Days pass by moving the development clock.
/// </summary>
public sealed class ReviewEndsEndToEndTests(ReviewEndsFixture fixture) : IClassFixture<ReviewEndsFixture>
{
    private const string Department = ReviewPlatformFixture.WebhookDepartment;
    private const string Consulted = ReviewPlatformFixture.SecondWebhookDepartment;
    private const string ConsultedChiefPhone = "0571-6101002";

    [Fact]
    public async Task Deferred_materials_hold_the_approval_until_the_applicant_supplies_them_through_the_corrections_route()
    {
        var item = await LongItemAsync();
        var (id, _, phone, applicant) = await fixture.SubmitAsync(item, withPremises: false);
        using var _a = applicant;

        // Deferring a material the case does not require: 400, nothing changes.
        using (var clerk = await fixture.ClientAsync("clerk-1", "clerk"))
        using (var wrong = await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", new { decision = "accept-deferred", deferredMaterials = new[] { "tax-return" }, supplyWorkingDays = 2 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains("deferredMaterials[0]", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var unchanged = await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id);
        Assert.Equal("submitted", (string?)unchanged["status"]);
        Assert.Empty(unchanged["corrections"]!.AsArray());

        await fixture.AcceptAsync(id, new { decision = "accept-deferred", deferredMaterials = new[] { "premises-proof" }, supplyWorkingDays = 2 });
        var review = await fixture.WaitForStatusAsync(applicant, id, "in-review");
        var notice = review["corrections"]!.AsArray().Single(c => (string?)c!["id"] == "deferred-materials")!;
        Assert.Equal("open", (string?)notice["status"]);
        Assert.Equal((DateTimeOffset)review["deferredSupplyDueAt"]!, (DateTimeOffset)notice["dueAt"]!);
        await fixture.WaitForSmsAsync(phone, "已容缺受理", "经营场所使用证明");

        // The department approves while the material is still missing: the case waits, it is not approved.
        var taskId = (string)ReviewPlatformFixture.TaskOf(review, Department)["id"]!;
        using var reviewer = await fixture.ReviewerAsync(Department);
        await fixture.WaitForTaskAsync(reviewer, taskId, t => t["dueAt"] is not null, "task open");
        using (var approve = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/decision", new { decision = "approve", opinion = "同意" }))
            Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        await fixture.WaitForStageStatusAsync(id, "deferred-materials");
        var waiting = await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id);
        Assert.Equal("in-review", (string?)waiting["status"]);
        Assert.Equal("approved", (string?)ReviewPlatformFixture.TaskOf(waiting, Department)["status"]);

        var upload = await ApplicationsPlatformFixture.UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes("premises"));
        using (var supply = await applicant.PostAsJsonAsync($"api/applications/{id}/corrections", new { correctionId = "deferred-materials", materials = new[] { new { code = "premises-proof", uploadId = upload } } }))
            Assert.True(supply.StatusCode == HttpStatusCode.Accepted, await supply.Content.ReadAsStringAsync());

        var approved = await fixture.WaitForStatusAsync(applicant, id, "approved");
        Assert.Equal("resolved", (string?)approved["corrections"]!.AsArray().Single(c => (string?)c!["id"] == "deferred-materials")!["status"]);
        Assert.Contains(approved["materials"]!.AsArray(), m => (string?)m!["code"] == "premises-proof" && (string?)m["uploadId"] == upload);
    }

    [Fact]
    public async Task Deferred_materials_not_supplied_by_the_deadline_end_the_case_after_a_reminder_one_working_day_before()
    {
        var item = await LongItemAsync();
        var (id, _, phone, applicant) = await fixture.SubmitAsync(item, withPremises: false);
        using var _a = applicant;
        await fixture.AcceptAsync(id, new { decision = "accept-deferred", deferredMaterials = new[] { "premises-proof" }, supplyWorkingDays = 2 });
        var review = await fixture.WaitForStatusAsync(applicant, id, "in-review");
        var taskId = (string)ReviewPlatformFixture.TaskOf(review, Department)["id"]!;
        using var supervisor = await fixture.SupervisorAsync();
        await fixture.WaitForTaskAsync(supervisor, taskId, t => t["dueAt"] is not null, "task open");
        var due = (DateTimeOffset)review["deferredSupplyDueAt"]!;
        var remindAt = WorkingDayCalendar.CreateDefault().SubtractWorkingTime(due, WorkingDayCalendar.OfficeTimePerDay).At;

        await fixture.AdvanceToAsync(remindAt.AddMinutes(1));
        await fixture.WaitForSmsAsync(phone, "为容缺受理", "逾期将终止办理");
        Assert.Equal("in-review", (string?)(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id))["status"]);

        await fixture.AdvanceToAsync(due.AddMinutes(1));
        var terminated = await fixture.WaitForStatusAsync(applicant, id, "terminated");
        Assert.Equal("deferred-materials-missing", (string?)terminated["rejectionReason"]);
        Assert.Equal("cancelled", (string?)ReviewPlatformFixture.TaskOf(terminated, Department)["status"]);
        await fixture.WaitForSmsAsync(phone, "已终止办理", "逾期未补齐容缺受理材料");
        Assert.Equal(1, await fixture.CountSmsAsync(phone, "为容缺受理"));

        // The notice is closed with the case: a late answer is refused and changes nothing.
        var upload = await ApplicationsPlatformFixture.UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes("premises"));
        using var late = await applicant.PostAsJsonAsync($"api/applications/{id}/corrections", new { correctionId = "deferred-materials", materials = new[] { new { code = "premises-proof", uploadId = upload } } });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task A_consultation_has_its_own_warning_and_due_time_escalated_to_the_consulted_chief_and_an_answer_after_the_asking_task_closed_is_refused()
    {
        var (id, number, asking, applicant) = await fixture.ReviewingAsync(await LongItemAsync());
        using var _a = applicant;
        var taskId = (string)asking["id"]!;
        using var reviewer = await fixture.ReviewerAsync(Department);
        var askingDue = (DateTimeOffset)asking["dueAt"]!;

        // To the asking department itself, or to a department that does not exist: 400, nothing recorded.
        foreach (var (department, because) in new[] { (Department, "Consult another department"), ("no-such-department", "No department") })
        {
            using var bad = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/consultations", new { department, question = "请提供意见", workingDays = 1 });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains(because, await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Empty((await fixture.WaitForTaskAsync(reviewer, taskId, _ => true, "read"))["consultations"]!.AsArray());

        string consultationId;
        using (var ask = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/consultations", new { department = Consulted, question = "该场所是否符合卫生要求？", workingDays = 1 }))
        {
            Assert.Equal(HttpStatusCode.Accepted, ask.StatusCode);
            consultationId = (string)JsonNode.Parse(await ask.Content.ReadAsStringAsync())!["consultationId"]!;
        }

        using var consulted = await fixture.ReviewerAsync(Consulted);
        var consultation = await fixture.WaitForTaskAsync(consulted, consultationId, t => t["warningAt"] is not null, "consultation deadlines");
        var due = (DateTimeOffset)consultation["dueAt"]!;
        Assert.True((DateTimeOffset)consultation["warningAt"]! < due);
        await fixture.WaitForWorklistAsync(consulted, Consulted, rows => rows.Any(e => (string?)e["taskId"] == consultationId && e["warningAt"] is not null), "consultation listed with its warning time");

        // The consultation is late: warning and overdue alerts for it, the consulted department's chief told.
        await fixture.AdvanceToAsync(due.AddMinutes(1));
        await fixture.WaitForAlertAsync(consultationId, "warning");
        var overdue = await fixture.WaitForAlertAsync(consultationId, "overdue");
        Assert.Equal(Consulted, (string?)overdue["department"]);
        await fixture.WaitForSmsAsync(ConsultedChiefPhone, number, "超过承诺时限");

        // The asking task's clock kept running: same due time, no suspension.
        var after = await fixture.WaitForTaskAsync(reviewer, taskId, _ => true, "read");
        Assert.Equal(askingDue, (DateTimeOffset)after["dueAt"]!);
        Assert.Empty(after["suspensions"]!.AsArray());
        Assert.Equal("in-review", (string?)after["status"]);

        // The asking task decides without the answer; the consultation closes with it and a late answer is a 409.
        using (var approve = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/decision", new { decision = "approve", opinion = "同意" }))
            Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        await fixture.WaitForStatusAsync(applicant, id, "approved");
        await fixture.WaitForTaskAsync(consulted, consultationId, t => (string?)t["status"] == "cancelled", "consultation cancelled");
        using (var late = await consulted.PostAsJsonAsync($"api/consultations/{consultationId}/answer", new { opinion = "符合" }))
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        using var supervisor = await fixture.SupervisorAsync();
        Assert.DoesNotContain(await fixture.AlertsAsync(supervisor), a => (string?)a!["taskId"] == consultationId);
    }

    [Fact]
    public async Task An_answered_consultation_closes_its_alerts_and_shows_in_the_case()
    {
        var (id, _, task, applicant) = await fixture.ReviewingAsync(await LongItemAsync());
        using var _a = applicant;
        var taskId = (string)task["id"]!;
        using var reviewer = await fixture.ReviewerAsync(Department);
        using var ask = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/consultations", new { department = Consulted, question = "请提供意见", workingDays = 1 });
        var consultationId = (string)JsonNode.Parse(await ask.Content.ReadAsStringAsync())!["consultationId"]!;
        using var consulted = await fixture.ReviewerAsync(Consulted);
        var consultation = await fixture.WaitForTaskAsync(consulted, consultationId, t => t["warningAt"] is not null, "consultation deadlines");
        await fixture.AdvanceToAsync(((DateTimeOffset)consultation["warningAt"]!).AddMinutes(1));
        await fixture.WaitForAlertAsync(consultationId, "warning");

        using (var answer = await consulted.PostAsJsonAsync($"api/consultations/{consultationId}/answer", new { opinion = "符合卫生要求" }))
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var shown = await fixture.WaitForCaseAsync(applicant, id, c => c["stages"]!.AsArray().SelectMany(s => s!["tasks"]!.AsArray()).Any(t => (string?)t!["id"] == consultationId), "consultation in the case");
        Assert.Equal("符合卫生要求", (string?)ReviewPlatformFixture.TaskOf(shown, Consulted, "consultation")["opinion"]);
        using var supervisor = await fixture.SupervisorAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await fixture.AlertsAsync(supervisor)).Any(a => (string?)a!["taskId"] == consultationId))
        {
            Assert.True(DateTime.UtcNow < deadline, "the answered consultation's warning stayed open");
            await Task.Delay(300);
        }
    }

    [Fact]
    public async Task A_case_put_on_the_green_channel_at_acceptance_gets_the_green_deadlines_and_leads_the_worklist()
    {
        var green = await GreenItemAsync();
        var soon = await fixture.CreateItemAsync(i =>
        {
            i["deadline"] = new JsonObject { ["duration"] = "PT30M" };
            i["legalDeadline"] = new JsonObject { ["duration"] = "PT20H" };
        }, ReviewPlatformFixture.WorklistDepartment);

        var (other, _, _, otherApplicant) = await fixture.SubmitAsync(soon);
        using var _o = otherApplicant;
        await fixture.AcceptAsync(other, new { decision = "accept" });
        var (id, _, _, applicant) = await fixture.SubmitAsync(green);
        using var _a = applicant;

        using var clerk = await fixture.ClientAsync("clerk-1", "clerk");
        using (var noReason = await clerk.PostAsJsonAsync($"api/applications/{id}/green-channel", new { }))
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using (var byApplicant = await applicant.PostAsJsonAsync($"api/applications/{id}/green-channel", new { reason = "自己申请" }))
            Assert.Equal(HttpStatusCode.Forbidden, byApplicant.StatusCode);
        using (var unknown = await clerk.PostAsJsonAsync("api/applications/no-such-application/green-channel", new { reason = "重点项目" }))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Null((await ApplicationsPlatformFixture.GetJsonAsync(clerk, "api/applications/" + id))["greenChannel"]);
        using (var put = await clerk.PostAsJsonAsync($"api/applications/{id}/green-channel", new { reason = "县重点招商项目" }))
            Assert.Equal(HttpStatusCode.Accepted, put.StatusCode);
        await fixture.AcceptAsync(id, new { decision = "accept" });

        var review = await fixture.WaitForStatusAsync(applicant, id, "in-review");
        Assert.Equal("县重点招商项目", (string?)review["greenChannel"]!["reason"]);
        var taskId = (string)ReviewPlatformFixture.TaskOf(review, ReviewPlatformFixture.WorklistDepartment)["id"]!;
        using var reviewer = await fixture.ReviewerAsync(ReviewPlatformFixture.WorklistDepartment);
        var task = await fixture.WaitForTaskAsync(reviewer, taskId, t => t["dueAt"] is not null, "green task open");
        Assert.True((bool)task["greenChannel"]!);
        Assert.Equal(TimeSpan.FromHours(1), (DateTimeOffset)task["dueAt"]! - (DateTimeOffset)task["startedAt"]!);
        Assert.Contains(task["history"]!.AsArray(), h => (string?)h!["type"] == "green-channel" && (string?)h["detail"] == "县重点招商项目");

        // It leads the worklist although the other case is due sooner.
        var otherCase = await fixture.WaitForStatusAsync(otherApplicant, other, "in-review");
        var otherTask = (string)ReviewPlatformFixture.TaskOf(otherCase, ReviewPlatformFixture.WorklistDepartment)["id"]!;
        await fixture.WaitForTaskAsync(reviewer, otherTask, t => t["dueAt"] is not null, "other task open");
        var worklist = await fixture.WaitForWorklistAsync(reviewer, ReviewPlatformFixture.WorklistDepartment,
            rows => rows.Any(e => (string?)e["taskId"] == taskId) && rows.Any(e => (string?)e["taskId"] == otherTask), "both tasks listed");
        var greenAt = worklist.FindIndex(e => (string?)e!["taskId"] == taskId);
        Assert.InRange(greenAt, 0, worklist.FindIndex(e => (string?)e!["taskId"] == otherTask) - 1);
        Assert.All(worklist.Take(greenAt + 1), e => Assert.True((bool)e!["greenChannel"]!));

        // A closed case cannot be put on it.
        using (var reject = await reviewer.PostAsJsonAsync($"api/tasks/{otherTask}/decision", new { decision = "reject", opinion = "不符合条件" }))
            Assert.Equal(HttpStatusCode.Accepted, reject.StatusCode);
        await fixture.WaitForStatusAsync(otherApplicant, other, "rejected");
        using (var closed = await clerk.PostAsJsonAsync($"api/applications/{other}/green-channel", new { reason = "太晚了" }))
            Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Null((await ApplicationsPlatformFixture.GetJsonAsync(clerk, "api/applications/" + other))["greenChannel"]);
    }

    [Fact]
    public async Task A_case_put_on_the_green_channel_during_review_has_its_open_task_re_derived()
    {
        var green = await GreenItemAsync();
        var (id, _, task, applicant) = await fixture.ReviewingAsync(green, ReviewPlatformFixture.WorklistDepartment);
        using var _a = applicant;
        var taskId = (string)task["id"]!;
        using var chief = await fixture.ChiefAsync(ReviewPlatformFixture.WorklistDepartment);
        Assert.False((bool)task["greenChannel"]!);

        using (var put = await chief.PostAsJsonAsync($"api/applications/{id}/green-channel", new { reason = "民生急办" }))
            Assert.Equal(HttpStatusCode.Accepted, put.StatusCode);
        var moved = await fixture.WaitForTaskAsync(chief, taskId, t => (bool)t["greenChannel"]!, "green channel taken");
        Assert.Equal(TimeSpan.FromHours(1), (DateTimeOffset)moved["dueAt"]! - (DateTimeOffset)moved["startedAt"]!);
        await fixture.WaitForWorklistAsync(chief, ReviewPlatformFixture.WorklistDepartment,
            rows => rows.Any(e => (string?)e["taskId"] == taskId && (bool)e["greenChannel"]!), "green task listed green");
        using var reviewer = await fixture.ReviewerAsync(ReviewPlatformFixture.WorklistDepartment);
        using (var approve = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/decision", new { decision = "approve", opinion = "同意" }))
            Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        await fixture.WaitForStatusAsync(applicant, id, "approved");
    }

    [Fact]
    public async Task Loading_2027_re_derives_provisional_deadlines_moves_their_timers_and_alerts_those_that_moved_earlier()
    {
        using var admin = await fixture.ClientAsync("admin-calendar", "admin");
        var provisional = await ApplicationsPlatformFixture.GetJsonAsync(admin, "api/admin/calendar/2027");
        Assert.True((bool)provisional["provisional"]!, "2027 must not be loaded before this test");

        // An adjusted working day (调休) on a Saturday of 2027 that the deadlines pass: each moves one working day earlier.
        var now = await fixture.NowAsync();
        var from = DateOnly.FromDateTime(WorkingDayCalendar.ToLocal(now)).AddDays(1);
        if (from.Year < 2027) from = new DateOnly(2027, 1, 1);
        var holidays = provisional["holidays"]!.AsArray().SelectMany(h => h!["days"]!.AsArray()).Select(d => DateOnly.Parse((string)d!, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var saturday = Enumerable.Range(0, 14).Select(from.AddDays).First(d => d.DayOfWeek == DayOfWeek.Saturday && !holidays.Contains(d));
        Assert.Equal(2027, saturday.Year);
        var days = WorkingDayCalendar.CreateDefault().CountWorkingDays(now, WorkingDayCalendar.FromLocal(saturday.AddDays(7), TimeSpan.Zero)).WorkingDays;
        var item = await fixture.CreateItemAsync(i => { i["deadline"] = Days(days); i["legalDeadline"] = Days(days + 5); });

        // A task, a consultation from it and a department correction notice's supply deadline, all reaching into 2027.
        var (id, _, _, applicant) = await fixture.SubmitAsync(item);
        using var _a = applicant;
        await fixture.AcceptAsync(id, new { decision = "accept" });
        var review = await fixture.WaitForStatusAsync(applicant, id, "in-review");
        Assert.True((bool)review["provisional"]!);
        var taskId = (string)ReviewPlatformFixture.TaskOf(review, Department)["id"]!;
        using var reviewer = await fixture.ReviewerAsync(Department);
        var before = await fixture.WaitForTaskAsync(reviewer, taskId, t => t["dueAt"] is not null, "task open");
        Assert.Contains(2027, before["provisionalYears"]!.AsArray().Select(y => (int)y!));
        var consultationDays = Math.Min(30, WorkingDayCalendar.CreateDefault().CountWorkingDays(now, WorkingDayCalendar.FromLocal(saturday.AddDays(3), TimeSpan.Zero)).WorkingDays);
        using var ask = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/consultations", new { department = Consulted, question = "请提供意见", workingDays = consultationDays });
        Assert.Equal(HttpStatusCode.Accepted, ask.StatusCode);
        var consultationId = (string)JsonNode.Parse(await ask.Content.ReadAsStringAsync())!["consultationId"]!;
        using var consulted = await fixture.ReviewerAsync(Consulted);
        var consultationBefore = await fixture.WaitForTaskAsync(consulted, consultationId, t => t["warningAt"] is not null, "consultation open");
        Assert.Contains(2027, consultationBefore["provisionalYears"]!.AsArray().Select(y => (int)y!));

        var (second, _, secondTaskDocument, secondApplicant) = await fixture.ReviewingAsync(item);
        using var _s = secondApplicant;
        var secondTask = (string)secondTaskDocument["id"]!;
        using (var correction = await reviewer.PostAsJsonAsync($"api/tasks/{secondTask}/decision", new { decision = "request-correction", opinion = "需补正", items = new[] { new { materialCode = "premises-proof", message = "请补充租赁合同" } }, supplyWorkingDays = days }))
            Assert.Equal(HttpStatusCode.Accepted, correction.StatusCode);
        var noticeBefore = (await fixture.WaitForCaseAsync(secondApplicant, second, c => c["corrections"]!.AsArray().Count == 1, "correction notice"))["corrections"]![0]!;

        // A deferred-materials notice and a window correction notice with supply deadlines in 2027.
        var (deferred, _, _, deferredApplicant) = await fixture.SubmitAsync(item, withPremises: false);
        using var _d = deferredApplicant;
        await fixture.AcceptAsync(deferred, new { decision = "accept-deferred", deferredMaterials = new[] { "premises-proof" }, supplyWorkingDays = days });
        var deferredBefore = await fixture.WaitForStatusAsync(deferredApplicant, deferred, "in-review");
        var (window, _, _, windowApplicant) = await fixture.SubmitAsync(item);
        using var _w = windowApplicant;
        await fixture.AcceptAsync(window, new { decision = "request-correction", items = new[] { new { materialCode = "premises-proof", message = "请补充租赁合同" } }, supplyWorkingDays = days });
        var windowBefore = (await fixture.WaitForStatusAsync(windowApplicant, window, "correction-required"))["corrections"]![0]!;

        // The official arrangement: the statutory holidays and one adjusted working day.
        var arrangement = new JsonObject
        {
            ["year"] = 2027,
            ["holidays"] = provisional["holidays"]!.DeepClone(),
            ["adjustedWorkingDays"] = new JsonArray(saturday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        };
        using (var load = await admin.PutAsJsonAsync("api/admin/calendar/2027", arrangement))
            Assert.True(load.StatusCode == HttpStatusCode.OK, await load.Content.ReadAsStringAsync());

        var after = await fixture.WaitForTaskAsync(reviewer, taskId, t => t["provisionalYears"]!.AsArray().Count == 0, "task re-derived");
        var oldDue = (DateTimeOffset)before["dueAt"]!;
        var newDue = (DateTimeOffset)after["dueAt"]!;
        Assert.Equal(WorkingDayCalendar.CreateDefault().WithYear(Arrangement(arrangement)).AddWorkingDays((DateTimeOffset)before["startedAt"]!, days).At, newDue);
        Assert.True(newDue < oldDue);
        Assert.Contains(after["history"]!.AsArray(), h => (string?)h!["type"] == "deadlines-rederived");
        await fixture.WaitForAlertAsync(taskId, "deadline-earlier");
        await fixture.WaitForCaseAsync(applicant, id, c => !(bool)c["provisional"]! && (DateTimeOffset)c["dueAt"]! == newDue, "case provisional cleared");

        var consultationAfter = await fixture.WaitForTaskAsync(consulted, consultationId, t => t["provisionalYears"]!.AsArray().Count == 0, "consultation re-derived");
        Assert.True((DateTimeOffset)consultationAfter["dueAt"]! < (DateTimeOffset)consultationBefore["dueAt"]!);
        await fixture.WaitForAlertAsync(consultationId, "deadline-earlier");

        var noticeAfter = (await fixture.WaitForCaseAsync(secondApplicant, second, c => (DateTimeOffset)c["corrections"]![0]!["dueAt"]! < (DateTimeOffset)noticeBefore["dueAt"]!, "supply deadline re-derived"))["corrections"]![0]!;
        await fixture.WaitForAlertAsync((string)noticeAfter["id"]!, "deadline-earlier");

        static DateTimeOffset DeferredDue(JsonNode c) => (DateTimeOffset)c["corrections"]!.AsArray().Single(n => (string?)n!["id"] == "deferred-materials")!["dueAt"]!;
        var deferredAfter = await fixture.WaitForCaseAsync(deferredApplicant, deferred, c => DeferredDue(c) < DeferredDue(deferredBefore), "deferred supply deadline re-derived");
        Assert.Equal(DeferredDue(deferredAfter), (DateTimeOffset)deferredAfter["deferredSupplyDueAt"]!);
        await fixture.WaitForCaseAsync(windowApplicant, window, c => (DateTimeOffset)c["corrections"]![0]!["dueAt"]! < (DateTimeOffset)windowBefore["dueAt"]!, "window supply deadline re-derived");
        await fixture.WaitForAlertAsync((string)windowBefore["id"]!, "deadline-earlier");

        // The timers moved with the deadlines: just after the new due time (before the old one) the task is overdue.
        await fixture.AdvanceToAsync(newDue.AddMinutes(1));
        var overdue = await fixture.WaitForAlertAsync(taskId, "overdue");
        Assert.True((DateTimeOffset)overdue["raisedAt"]! < oldDue);
    }

    private static HolidayArrangement Arrangement(JsonObject json) =>
        System.Text.Json.JsonSerializer.Deserialize<HolidayArrangement>(json.ToJsonString(), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;

    /// <summary>An item of 20 working days (legal 40): its own deadlines stay far away while days pass.</summary>
    private Task<string> LongItemAsync() => fixture.CreateItemAsync(i => { i["deadline"] = Days(20); i["legalDeadline"] = Days(40); });

    /// <summary>A fire-rescue item of 10 hours whose green channel is 1 hour, without priority of its own.</summary>
    private Task<string> GreenItemAsync() => fixture.CreateItemAsync(i =>
    {
        i["deadline"] = new JsonObject { ["duration"] = "PT10H" };
        i["legalDeadline"] = new JsonObject { ["duration"] = "PT20H" };
        i["greenChannel"] = new JsonObject { ["deadline"] = new JsonObject { ["duration"] = "PT1H" }, ["priority"] = false };
    }, ReviewPlatformFixture.WorklistDepartment);

    private static JsonObject Days(int workingDays) => new() { ["workingDays"] = workingDays };
}
