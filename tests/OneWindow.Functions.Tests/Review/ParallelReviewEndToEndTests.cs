using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneWindow.Functions.Tests.Applications;
using Xunit;

namespace OneWindow.Functions.Tests.Review;

/// <summary>Parallel approval over HTTP on the real host against the emulators and the provider sandbox.</summary>
[Collection(ReviewCollection.Name)]
public sealed class ParallelReviewEndToEndTests(ReviewPlatformFixture fixture)
{
    [Fact]
    public async Task The_restaurant_package_is_approved_by_two_department_systems_and_one_worklist_then_the_lead_consolidates()
    {
        var (id, number, phone, applicant) = await fixture.AcceptedRestaurantCaseAsync();
        using var _ = applicant;
        var review = await fixture.WaitForCaseAsync(applicant, id, c => c["stages"]![0]!["tasks"]!.AsArray().Count == 3 && c["stages"]![0]!["tasks"]!.AsArray().All(t => t!["warningAt"] is not null), "three tasks open");
        var market = (string)ReviewPlatformFixture.TaskOf(review, ReviewPlatformFixture.WebhookDepartment)["id"]!;
        var health = (string)ReviewPlatformFixture.TaskOf(review, ReviewPlatformFixture.SecondWebhookDepartment)["id"]!;
        var fire = (string)ReviewPlatformFixture.TaskOf(review, ReviewPlatformFixture.WorklistDepartment)["id"]!;

        // The case's custom status tells the current stage and its open tasks.
        var status = await fixture.WaitForStageStatusAsync(id, "parallel-review");
        Assert.Equal("in-review", (string?)status["status"]);
        Assert.Equal(new[] { fire, health, market }.Order(), status["openTasks"]!.AsArray().Select(t => (string)t!).Order());

        // Departments with their own systems get the task pushed, signed (the sandbox verified the signature before recording it).
        var pushed = await fixture.WaitForDeliveryAsync(ReviewPlatformFixture.WebhookDepartment, market, "task.assigned");
        Assert.Equal(number, (string?)pushed["body"]!["number"]);
        Assert.NotEmpty(pushed["body"]!["materials"]!.AsArray());
        await fixture.WaitForDeliveryAsync(ReviewPlatformFixture.SecondWebhookDepartment, health, "task.assigned");

        // The worklist department sees its task.
        using var fireReviewer = await fixture.ReviewerAsync(ReviewPlatformFixture.WorklistDepartment);
        var worklist = (JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(fireReviewer, $"api/departments/{ReviewPlatformFixture.WorklistDepartment}/tasks?status=open");
        var row = worklist.Single(t => (string?)t!["taskId"] == fire)!;
        Assert.Equal(id, (string?)row["applicationId"]);
        Assert.Equal("review", (string?)row["kind"]);
        Assert.NotNull(row["dueAt"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await fireReviewer.GetAsync($"api/departments/{ReviewPlatformFixture.WebhookDepartment}/tasks")).StatusCode);

        // Green channel (the food and fire items have one with priority): the shorter promised deadline (3 working days
        // instead of 5) and first in the worklist; the hygiene item has none. Counted on the calendar from acceptance.
        var calendar = OneWindow.Domain.Calendar.WorkingDayCalendar.CreateDefault();
        var acceptedAt = (DateTimeOffset)review["acceptedAt"]!;
        Assert.True((bool)row["greenChannel"]!);
        Assert.Equal(calendar.AddWorkingDays(acceptedAt, 3).At, (DateTimeOffset)row["dueAt"]!);

        // The case view mirrors the task documents (StartReview's first estimate has no green channel; the task's wins).
        review = await fixture.WaitForCaseAsync(applicant, id, c => (DateTimeOffset)ReviewPlatformFixture.TaskOf(c, ReviewPlatformFixture.WorklistDepartment)["dueAt"]! == calendar.AddWorkingDays(acceptedAt, 3).At, "green-channel due time in the case");
        Assert.Equal(calendar.AddWorkingDays(acceptedAt, 5).At, (DateTimeOffset)ReviewPlatformFixture.TaskOf(review, ReviewPlatformFixture.SecondWebhookDepartment)["dueAt"]!);
        Assert.Equal(calendar.AddWorkingDays(acceptedAt, 20).At, (DateTimeOffset)ReviewPlatformFixture.TaskOf(review, ReviewPlatformFixture.SecondWebhookDepartment)["legalDueAt"]!);
        var order = worklist.Select(t => ((bool)t!["greenChannel"]!, (DateTimeOffset)t["dueAt"]!)).ToArray();
        Assert.Equal(order.OrderByDescending(o => o.Item1).ThenBy(o => o.Item2), order);

        // A progress update from a department system shows in the case and the task's history.
        var progress = await fixture.SandboxDecisionAsync(ReviewPlatformFixture.WebhookDepartment, new { taskId = market, progress = new { step = "现场核查", note = "已安排" } });
        Assert.True(progress.Status == HttpStatusCode.Accepted, progress.Body);
        var shown = await fixture.WaitForCaseAsync(applicant, id, c => (string?)ReviewPlatformFixture.TaskOf(c, ReviewPlatformFixture.WebhookDepartment)["progress"] == "现场核查: 已安排", "progress shown");
        Assert.Equal("in-review", (string?)shown["status"]);

        var m = await fixture.SandboxDecisionAsync(ReviewPlatformFixture.WebhookDepartment, new { taskId = market, decision = "approve", opinion = "符合食品经营许可条件" });
        Assert.True(m.Status == HttpStatusCode.Accepted, m.Body);
        var h = await fixture.SandboxDecisionAsync(ReviewPlatformFixture.SecondWebhookDepartment, new { taskId = health, decision = "approve", opinion = "卫生条件合格" });
        Assert.True(h.Status == HttpStatusCode.Accepted, h.Body);
        using (var f = await fireReviewer.PostAsJsonAsync($"api/tasks/{fire}/decision", new { decision = "approve", opinion = "消防检查合格" }))
            Assert.True(f.StatusCode == HttpStatusCode.Accepted, await f.Content.ReadAsStringAsync());

        // Every department approved: the lead department (market regulation) consolidates, through its system.
        var consolidating = await fixture.WaitForCaseAsync(applicant, id, c => c["stages"]![0]!["tasks"]!.AsArray().Any(t => (string?)t!["kind"] == "consolidation"), "consolidation task");
        var consolidation = ReviewPlatformFixture.TaskOf(consolidating, ReviewPlatformFixture.WebhookDepartment, "consolidation");
        Assert.Equal("in-review", (string?)consolidating["status"]);
        var cons = (string)consolidation["id"]!;
        await fixture.WaitForDeliveryAsync(ReviewPlatformFixture.WebhookDepartment, cons, "task.assigned");
        var c2 = await fixture.SandboxDecisionAsync(ReviewPlatformFixture.WebhookDepartment, new { taskId = cons, decision = "approve", opinion = "三部门意见一致，准予许可" });
        Assert.True(c2.Status == HttpStatusCode.Accepted, c2.Body);

        var approved = await fixture.WaitForStatusAsync(applicant, id, "approved");
        var tasks = approved["stages"]![0]!["tasks"]!.AsArray();
        Assert.Equal(4, tasks.Count);
        Assert.All(tasks, t => Assert.Equal("approved", (string?)t!["status"]));
        Assert.Equal("approved", (string?)approved["stages"]![0]!["status"]);
        await fixture.WaitForSmsAsync(phone, number, "审批通过");

        // The history records the actors: department systems and users.
        using var supervisor = await fixture.SupervisorAsync();
        var marketTask = await ApplicationsPlatformFixture.GetJsonAsync(supervisor, "api/tasks/" + market);
        Assert.Contains(marketTask["history"]!.AsArray(), e => (string?)e!["type"] == "decision" && (string?)e["actor"] == "system:market-regulation");
        Assert.Contains(marketTask["history"]!.AsArray(), e => (string?)e!["type"] == "progress");
        var fireTask = await ApplicationsPlatformFixture.GetJsonAsync(supervisor, "api/tasks/" + fire);
        Assert.Contains(fireTask["history"]!.AsArray(), e => (string?)e!["type"] == "decision" && ((string?)e["actor"])!.StartsWith("user:", StringComparison.Ordinal));

        // Deciding a closed task is a conflict; the worklist no longer lists it.
        using (var again = await fireReviewer.PostAsJsonAsync($"api/tasks/{fire}/decision", new { decision = "reject", opinion = "改主意" }))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var after = (JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(fireReviewer, $"api/departments/{ReviewPlatformFixture.WorklistDepartment}/tasks");
        Assert.DoesNotContain(after, t => (string?)t!["taskId"] == fire);
    }

    [Fact]
    public async Task A_two_stage_package_runs_its_stages_in_order()
    {
        var (id, _, _, applicant) = await fixture.AcceptedPackageCaseAsync("open-pharmacy");
        using var _a = applicant;
        var first = await fixture.WaitForCaseAsync(applicant, id, c => (string?)c["stages"]![0]!["tasks"]![0]!["status"] == "in-review", "first stage open");
        Assert.Equal("waiting", (string?)first["stages"]![1]!["status"]);
        Assert.Equal("waiting", (string?)first["stages"]![1]!["tasks"]![0]!["status"]);
        var registration = (string)first["stages"]![0]!["tasks"]![0]!["id"]!;
        var licence = (string)first["stages"]![1]!["tasks"]![0]!["id"]!;
        using var supervisor = await fixture.SupervisorAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync("api/tasks/" + licence)).StatusCode);
        Assert.Equal(registration, (string?)(await fixture.WaitForStageStatusAsync(id, "registration"))["openTasks"]![0]);

        await fixture.WaitForDeliveryAsync(ReviewPlatformFixture.WebhookDepartment, registration, "task.assigned");
        var one = await fixture.SandboxDecisionAsync(ReviewPlatformFixture.WebhookDepartment, new { taskId = registration, decision = "approve", opinion = "准予登记" });
        Assert.True(one.Status == HttpStatusCode.Accepted, one.Body);

        // The second stage starts when the first is done, its deadlines counted from then.
        var second = await fixture.WaitForCaseAsync(applicant, id, c => (string?)c["stages"]![1]!["tasks"]![0]!["status"] == "in-review" && c["stages"]![1]!["tasks"]![0]!["warningAt"] is not null, "second stage open");
        Assert.Equal("approved", (string?)second["stages"]![0]!["tasks"]![0]!["status"]);
        var opened = await ApplicationsPlatformFixture.GetJsonAsync(supervisor, "api/tasks/" + licence);
        Assert.True((DateTimeOffset)opened["startedAt"]! > (DateTimeOffset)second["acceptedAt"]!);
        Assert.Equal(licence, (string?)(await fixture.WaitForStageStatusAsync(id, "licence"))["openTasks"]![0]);
        await fixture.WaitForDeliveryAsync(ReviewPlatformFixture.WebhookDepartment, licence, "task.assigned");
        var two = await fixture.SandboxDecisionAsync(ReviewPlatformFixture.WebhookDepartment, new { taskId = licence, decision = "approve", opinion = "准予许可" });
        Assert.True(two.Status == HttpStatusCode.Accepted, two.Body);
        var done = await fixture.WaitForStatusAsync(applicant, id, "approved");
        Assert.All(done["stages"]!.AsArray(), s => Assert.Equal("approved", (string?)s!["status"]));
    }

    [Fact]
    public async Task A_rejection_cancels_the_other_tasks_and_tells_their_systems()
    {
        var (id, number, phone, applicant) = await fixture.AcceptedRestaurantCaseAsync();
        using var _ = applicant;
        var review = await fixture.WaitForCaseAsync(applicant, id, c => c["stages"]![0]!["tasks"]!.AsArray().All(t => t!["warningAt"] is not null), "tasks open");
        var market = (string)ReviewPlatformFixture.TaskOf(review, ReviewPlatformFixture.WebhookDepartment)["id"]!;
        var fire = (string)ReviewPlatformFixture.TaskOf(review, ReviewPlatformFixture.WorklistDepartment)["id"]!;
        await fixture.WaitForDeliveryAsync(ReviewPlatformFixture.WebhookDepartment, market, "task.assigned");

        using var fireReviewer = await fixture.ReviewerAsync(ReviewPlatformFixture.WorklistDepartment);
        using (var reject = await fireReviewer.PostAsJsonAsync($"api/tasks/{fire}/decision", new { decision = "reject", opinion = "疏散通道不符合要求" }))
            Assert.Equal(HttpStatusCode.Accepted, reject.StatusCode);

        var rejected = await fixture.WaitForStatusAsync(applicant, id, "rejected");
        await fixture.WaitForCaseAsync(applicant, id, c => c["stages"]![0]!["tasks"]!.AsArray().Count(t => (string?)t!["status"] == "cancelled") == 2, "two tasks cancelled");
        Assert.Equal("rejected", (string?)ReviewPlatformFixture.TaskOf(rejected, ReviewPlatformFixture.WorklistDepartment)["status"]);
        Assert.Equal("疏散通道不符合要求", (string?)rejected["rejectionReason"]);
        await fixture.WaitForDeliveryAsync(ReviewPlatformFixture.WebhookDepartment, market, "task.cancelled");
        await fixture.WaitForSmsAsync(phone, number, "未予批准", "疏散通道不符合要求");

        // A cancelled task can no longer be decided, from either path.
        var late = await fixture.SandboxDecisionAsync(ReviewPlatformFixture.WebhookDepartment, new { taskId = market, decision = "approve", opinion = "迟到的意见" });
        Assert.Equal(HttpStatusCode.Conflict, late.Status);
        using var marketReviewer = await fixture.ReviewerAsync(ReviewPlatformFixture.WebhookDepartment);
        var list = (JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(marketReviewer, $"api/departments/{ReviewPlatformFixture.WebhookDepartment}/tasks");
        Assert.DoesNotContain(list, t => (string?)t!["applicationId"] == id);
    }

    [Fact]
    public async Task A_fast_item_passes_its_warning_promised_and_legal_deadlines_with_alerts_and_sms()
    {
        var item = await fixture.CreateItemAsync(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(35), TimeSpan.FromSeconds(8));
        var (id, number, _, applicant) = await fixture.AcceptedItemCaseAsync(item);
        using var _a = applicant;
        using var supervisor = await fixture.SupervisorAsync();
        var review = await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id);
        var task = ReviewPlatformFixture.TaskOf(review, ReviewPlatformFixture.WebhookDepartment);
        var taskId = (string)task["id"]!;
        var due = (DateTimeOffset)task["dueAt"]!;
        Assert.Equal(due - TimeSpan.FromSeconds(8), (DateTimeOffset)task["warningAt"]!);

        var warning = await WaitForAlertAsync(supervisor, taskId, "warning");
        Assert.Equal(number, (string?)warning["number"]);
        Assert.True(DateTimeOffset.UtcNow >= due - TimeSpan.FromSeconds(9), "the warning came before its time");
        await fixture.WaitForSmsAsync(ReviewPlatformFixture.ChiefPhone, number, "承诺时限");

        var overdue = await WaitForAlertAsync(supervisor, taskId, "overdue");
        Assert.Equal(due, (DateTimeOffset)overdue["dueAt"]!);
        Assert.True((DateTimeOffset)overdue["raisedAt"]! >= due);
        await fixture.WaitForSmsAsync(ReviewPlatformFixture.ChiefPhone, number, "超过承诺时限");
        await fixture.WaitForSmsAsync(ReviewPlatformFixture.SupervisorPhone, number, "超过承诺时限");

        await WaitForAlertAsync(supervisor, taskId, "legal-overdue");
        await fixture.WaitForSmsAsync(ReviewPlatformFixture.SupervisorPhone, number, "法定时限");
        Assert.Equal(1, await fixture.CountSmsAsync(ReviewPlatformFixture.ChiefPhone, number, "到达承诺时限"));
        Assert.Equal(1, await fixture.CountSmsAsync(ReviewPlatformFixture.ChiefPhone, number, "超过承诺时限"));

        // A decision closes the task, its alerts and its timers.
        using var reviewer = await fixture.ReviewerAsync(ReviewPlatformFixture.WebhookDepartment);
        using (var decide = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/decision", new { decision = "approve", opinion = "同意" }))
            Assert.Equal(HttpStatusCode.Accepted, decide.StatusCode);
        await fixture.WaitForStatusAsync(applicant, id, "approved");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await fixture.AlertsAsync(supervisor)).Any(a => (string?)a!["taskId"] == taskId))
        {
            Assert.True(DateTime.UtcNow < deadline, "the task's alerts stayed open");
            await Task.Delay(200);
        }

        using var clerk = await fixture.ClientAsync("clerk-1", "clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("api/supervision/alerts")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("api/supervision/alerts?level=purple")).StatusCode);
    }

    [Fact]
    public async Task Suspension_moves_the_due_time_by_exactly_the_suspended_time_and_tells_the_applicant()
    {
        var item = await fixture.CreateItemAsync(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20));
        var (id, number, phone, applicant) = await fixture.AcceptedItemCaseAsync(item);
        using var _a = applicant;
        using var reviewer = await fixture.ReviewerAsync(ReviewPlatformFixture.WebhookDepartment);
        var taskId = (string)ReviewPlatformFixture.TaskOf(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id), ReviewPlatformFixture.WebhookDepartment)["id"]!;
        var before = await fixture.WaitForTaskAsync(reviewer, taskId, t => t["dueAt"] is not null, "task open");
        var dueBefore = (DateTimeOffset)before["dueAt"]!;

        using (var bad = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/suspension", new { reason = "现场核查", expectedWorkingDays = 0 }))
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using (var resumeFirst = await reviewer.PostAsync($"api/tasks/{taskId}/resumption", null))
            Assert.Equal(HttpStatusCode.Conflict, resumeFirst.StatusCode);
        using (var suspend = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/suspension", new { reason = "现场核查", expectedWorkingDays = 3 }))
            Assert.Equal(HttpStatusCode.Accepted, suspend.StatusCode);
        await fixture.WaitForStatusAsync(applicant, id, "suspended");
        await fixture.WaitForSmsAsync(phone, number, "现场核查", "预计需要3个工作日");
        using (var decideWhileSuspended = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/suspension", new { reason = "again", expectedWorkingDays = 1 }))
            Assert.Equal(HttpStatusCode.Conflict, decideWhileSuspended.StatusCode);

        using (var resume = await reviewer.PostAsync($"api/tasks/{taskId}/resumption", null))
            Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        var after = await fixture.WaitForTaskAsync(reviewer, taskId, t => (DateTimeOffset)t["dueAt"]! != dueBefore, "due time moved");
        var suspension = after["suspensions"]!.AsArray().Single()!;
        var suspended = (DateTimeOffset)suspension["to"]! - (DateTimeOffset)suspension["from"]!;
        Assert.True(suspended > TimeSpan.Zero);
        Assert.Equal(dueBefore + suspended, (DateTimeOffset)after["dueAt"]!);
        var view = await fixture.WaitForStatusAsync(applicant, id, "in-review");
        Assert.Equal((DateTimeOffset)after["dueAt"]!, (DateTimeOffset)ReviewPlatformFixture.TaskOf(view, ReviewPlatformFixture.WebhookDepartment)["dueAt"]!);
    }

    [Fact]
    public async Task A_task_decided_while_suspended_ends_its_suspension_at_the_decision()
    {
        var item = await fixture.CreateItemAsync(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20));
        var (id, _, _, applicant) = await fixture.AcceptedItemCaseAsync(item);
        using var _a = applicant;
        using var reviewer = await fixture.ReviewerAsync(ReviewPlatformFixture.WebhookDepartment);
        var taskId = (string)ReviewPlatformFixture.TaskOf(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id), ReviewPlatformFixture.WebhookDepartment)["id"]!;
        await fixture.WaitForTaskAsync(reviewer, taskId, t => t["dueAt"] is not null, "task open");
        using (var suspend = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/suspension", new { reason = "检验检测", expectedWorkingDays = 2 }))
            Assert.Equal(HttpStatusCode.Accepted, suspend.StatusCode);
        await fixture.WaitForStatusAsync(applicant, id, "suspended");
        using (var decide = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/decision", new { decision = "approve", opinion = "检测合格" }))
            Assert.Equal(HttpStatusCode.Accepted, decide.StatusCode);
        await fixture.WaitForStatusAsync(applicant, id, "approved");
        var task = await fixture.WaitForTaskAsync(reviewer, taskId, t => t["suspensions"]![0]!["to"] is not null, "suspension ended");
        Assert.Equal((DateTimeOffset)task["decidedAt"]!, (DateTimeOffset)task["suspensions"]![0]!["to"]!);
    }

    [Fact]
    public async Task An_extension_approved_by_the_chief_moves_the_due_time_once_within_the_cap()
    {
        var item = await fixture.CreateItemAsync(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20));
        var (id, number, phone, applicant) = await fixture.AcceptedItemCaseAsync(item);
        using var _a = applicant;
        using var reviewer = await fixture.ReviewerAsync(ReviewPlatformFixture.WebhookDepartment);
        using var chief = await fixture.ChiefAsync(ReviewPlatformFixture.WebhookDepartment);
        using var otherChief = await fixture.ChiefAsync(ReviewPlatformFixture.WorklistDepartment);
        var taskId = (string)ReviewPlatformFixture.TaskOf(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id), ReviewPlatformFixture.WebhookDepartment)["id"]!;
        var before = await fixture.WaitForTaskAsync(reviewer, taskId, t => t["dueAt"] is not null, "task open");
        var dueBefore = (DateTimeOffset)before["dueAt"]!;

        foreach (var days in new[] { 0, -2, 11 })
        {
            using var bad = await chief.PostAsJsonAsync($"api/tasks/{taskId}/extension", new { workingDays = days, reason = "需专家评审" });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("workingDays", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/extension", new { workingDays = 2, reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherChief.PostAsJsonAsync($"api/tasks/{taskId}/extension", new { workingDays = 2, reason = "x" })).StatusCode);
        Assert.Equal(dueBefore, (DateTimeOffset)(await ApplicationsPlatformFixture.GetJsonAsync(reviewer, "api/tasks/" + taskId))["dueAt"]!);

        using (var ok = await chief.PostAsJsonAsync($"api/tasks/{taskId}/extension", new { workingDays = 2, reason = "需组织专家评审" }))
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        var after = await fixture.WaitForTaskAsync(reviewer, taskId, t => (DateTimeOffset)t["dueAt"]! != dueBefore, "due time extended");
        Assert.True((DateTimeOffset)after["dueAt"]! >= dueBefore + TimeSpan.FromHours(14), "two working days are at least 14 office hours later");
        Assert.Equal(2, (int)after["extensionWorkingDays"]!);
        await fixture.WaitForSmsAsync(phone, number, "延长办理时限2个工作日", "需组织专家评审");

        using var twice = await chief.PostAsJsonAsync($"api/tasks/{taskId}/extension", new { workingDays = 1, reason = "再延" });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
    }

    [Fact]
    public async Task An_extension_after_the_deadline_closes_the_overdue_alert_that_is_no_longer_true()
    {
        var item = await fixture.CreateItemAsync(TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(2));
        var (id, _, _, applicant) = await fixture.AcceptedItemCaseAsync(item);
        using var _a = applicant;
        using var supervisor = await fixture.SupervisorAsync();
        using var chief = await fixture.ChiefAsync(ReviewPlatformFixture.WebhookDepartment);
        var taskId = (string)ReviewPlatformFixture.TaskOf(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id), ReviewPlatformFixture.WebhookDepartment)["id"]!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await fixture.AlertsAsync(supervisor, "overdue")).Any(a => (string?)a!["taskId"] == taskId))
        {
            Assert.True(DateTime.UtcNow < deadline, "no overdue alert");
            await Task.Delay(200);
        }

        using (var extend = await chief.PostAsJsonAsync($"api/tasks/{taskId}/extension", new { workingDays = 1, reason = "需补充现场勘验" }))
            Assert.Equal(HttpStatusCode.Accepted, extend.StatusCode);
        await fixture.WaitForTaskAsync(supervisor, taskId, t => (DateTimeOffset)t["dueAt"]! > DateTimeOffset.UtcNow, "due time ahead again");
        deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await fixture.AlertsAsync(supervisor)).Any(a => (string?)a!["taskId"] == taskId && (string?)a["level"] is "overdue" or "warning"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the overdue alert stayed open after the extension");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task A_department_correction_loop_stops_the_clock_until_the_applicant_answers()
    {
        var item = await fixture.CreateItemAsync(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20));
        var (id, number, phone, applicant) = await fixture.AcceptedItemCaseAsync(item);
        using var _a = applicant;
        using var reviewer = await fixture.ReviewerAsync(ReviewPlatformFixture.WebhookDepartment);
        var taskId = (string)ReviewPlatformFixture.TaskOf(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id), ReviewPlatformFixture.WebhookDepartment)["id"]!;
        var dueBefore = (DateTimeOffset)(await fixture.WaitForTaskAsync(reviewer, taskId, t => t["dueAt"] is not null, "task open"))["dueAt"]!;

        using (var missing = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/decision", new { decision = "request-correction", opinion = "需补正" }))
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        using (var ask = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/decision", new
        {
            decision = "request-correction",
            opinion = "材料不全",
            items = new object[] { new { materialCode = "premises-proof", message = "租赁合同需加盖出租方公章" }, new { message = "补充经营范围说明" } },
            supplyWorkingDays = 5,
        }))
            Assert.Equal(HttpStatusCode.Accepted, ask.StatusCode);

        var waiting = await fixture.WaitForStatusAsync(applicant, id, "correction-required");
        var correction = waiting["corrections"]!.AsArray().Single(c => (string?)c!["source"] == "department")!;
        Assert.Equal("market-regulation", (string?)correction["department"]);
        Assert.Equal(2, correction["items"]!.AsArray().Count);
        Assert.NotNull(correction["dueAt"]);
        await fixture.WaitForSmsAsync(phone, number, "租赁合同需加盖出租方公章", "补充经营范围说明");
        using (var decideNow = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/decision", new { decision = "approve", opinion = "x" }))
            Assert.Equal(HttpStatusCode.Conflict, decideNow.StatusCode);

        var upload = await ApplicationsPlatformFixture.UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes("premises-2"));
        using (var answer = await applicant.PostAsJsonAsync($"api/applications/{id}/corrections", new { correctionId = (string)correction["id"]!, materials = new[] { new { code = "premises-proof", uploadId = upload } } }))
            Assert.True(answer.StatusCode == HttpStatusCode.Accepted, await answer.Content.ReadAsStringAsync());

        var back = await fixture.WaitForStatusAsync(applicant, id, "in-review");
        Assert.Equal("resolved", (string?)back["corrections"]!.AsArray().Single(c => (string?)c!["source"] == "department")!["status"]);
        Assert.Contains(back["materials"]!.AsArray(), m => (string?)m!["uploadId"] == upload);
        var task = await fixture.WaitForTaskAsync(reviewer, taskId, t => (string?)t["status"] == "in-review" && (DateTimeOffset)t["dueAt"]! > dueBefore, "clock restarted with the due time moved");
        var stopped = task["suspensions"]!.AsArray().Single()!;
        Assert.Equal(dueBefore + ((DateTimeOffset)stopped["to"]! - (DateTimeOffset)stopped["from"]!), (DateTimeOffset)task["dueAt"]!);
        await fixture.WaitForDeliveryAsync(ReviewPlatformFixture.WebhookDepartment, taskId, "correction.received");

        using (var approve = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/decision", new { decision = "approve", opinion = "补正后符合条件" }))
            Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        await fixture.WaitForStatusAsync(applicant, id, "approved");
    }

    [Fact]
    public async Task Of_two_concurrent_decisions_on_one_task_one_is_accepted_and_the_other_is_a_conflict()
    {
        var item = await fixture.CreateItemAsync(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20));
        var (id, _, _, applicant) = await fixture.AcceptedItemCaseAsync(item);
        using var _a = applicant;
        using var one = await fixture.ReviewerAsync(ReviewPlatformFixture.WebhookDepartment, "reviewer-a");
        using var two = await fixture.ReviewerAsync(ReviewPlatformFixture.WebhookDepartment, "reviewer-b");
        var taskId = (string)ReviewPlatformFixture.TaskOf(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id), ReviewPlatformFixture.WebhookDepartment)["id"]!;
        await fixture.WaitForTaskAsync(one, taskId, t => t["dueAt"] is not null, "task open");

        using var gate = new ManualResetEventSlim();
        var answers = await Task.WhenAll(
            Task.Run(async () => { gate.Wait(); using var r = await one.PostAsJsonAsync($"api/tasks/{taskId}/decision", new { decision = "approve", opinion = "同意" }); return r.StatusCode; }),
            Task.Run(async () => { gate.Wait(); using var r = await two.PostAsJsonAsync($"api/tasks/{taskId}/decision", new { decision = "reject", opinion = "不同意" }); return r.StatusCode; }),
            Task.Run(() => { gate.Set(); return HttpStatusCode.OK; }));
        Assert.Equal(1, answers.Count(a => a == HttpStatusCode.Accepted));
        Assert.Equal(1, answers.Count(a => a == HttpStatusCode.Conflict));

        var decided = await fixture.WaitForCaseAsync(applicant, id, c => (string?)c["status"] is "approved" or "rejected", "decided");
        var winner = answers[0] == HttpStatusCode.Accepted ? "approved" : "rejected";
        Assert.Equal(winner, (string?)decided["status"]);
        var history = (await ApplicationsPlatformFixture.GetJsonAsync(one, "api/tasks/" + taskId))["history"]!.AsArray();
        Assert.Single(history, e => (string?)e!["type"] == "decision");
    }

    [Fact]
    public async Task Bad_decisions_change_nothing()
    {
        var item = await fixture.CreateItemAsync(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20));
        var (id, _, _, applicant) = await fixture.AcceptedItemCaseAsync(item);
        using var _a = applicant;
        using var reviewer = await fixture.ReviewerAsync(ReviewPlatformFixture.WebhookDepartment);
        using var other = await fixture.ReviewerAsync(ReviewPlatformFixture.WorklistDepartment);
        var taskId = (string)ReviewPlatformFixture.TaskOf(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id), ReviewPlatformFixture.WebhookDepartment)["id"]!;
        var before = (await fixture.WaitForTaskAsync(reviewer, taskId, t => t["dueAt"] is not null, "task open")).ToJsonString();

        async Task<(HttpStatusCode, string)> Post(HttpClient client, string path, object body)
        {
            using var response = await client.PostAsJsonAsync(path, body);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var (s1, b1) = await Post(reviewer, $"api/tasks/{taskId}/decision", new { decision = "maybe", opinion = "?" });
        Assert.Equal(HttpStatusCode.BadRequest, s1);
        Assert.Contains("\"decision\"", b1, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(other, $"api/tasks/{taskId}/decision", new { decision = "approve", opinion = "x" })).Item1);
        Assert.Equal(HttpStatusCode.NotFound, (await Post(reviewer, "api/tasks/no-such-task/decision", new { decision = "approve", opinion = "x" })).Item1);
        using (var malformed = new StringContent("{\"decision\":", System.Text.Encoding.UTF8, "application/json"))
            Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.PostAsync($"api/tasks/{taskId}/decision", malformed)).StatusCode);
        var (s2, b2) = await Post(reviewer, $"api/tasks/{taskId}/decision", new { decision = "approve" });
        Assert.Equal(HttpStatusCode.BadRequest, s2);
        Assert.Contains("problem", b2, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Platform.Client.PostAsJsonAsync($"api/tasks/{taskId}/decision", new { decision = "approve", opinion = "x" })).StatusCode);
        Assert.Equal(before, (await ApplicationsPlatformFixture.GetJsonAsync(reviewer, "api/tasks/" + taskId)).ToJsonString());
    }

    private async Task<JsonNode> WaitForAlertAsync(HttpClient supervisor, string taskId, string level)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var alert = (await fixture.AlertsAsync(supervisor, level)).FirstOrDefault(a => (string?)a!["taskId"] == taskId);
            if (alert is not null) return alert;
            Assert.True(DateTime.UtcNow < deadline, $"No {level} alert for {taskId}.\n{fixture.Platform.Host?.Tail()}");
            await Task.Delay(200);
        }
    }
}
