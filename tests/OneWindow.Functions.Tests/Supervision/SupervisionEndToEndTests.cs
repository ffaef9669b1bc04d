using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using OneWindow.Data.Supervision;
using OneWindow.Functions.Supervision;
using OneWindow.Functions.Tests.Applications;
using OneWindow.Functions.Tests.Review;
using Xunit;

namespace OneWindow.Functions.Tests.Supervision;

/// <summary>
/// Supervision through HTTP on the real host and engine: a case decided in a department's worklist has its engine
/// history (sub-orchestration included, actors named) and its timeline; its rating opens a follow-up a supervisor
/// closes; the statistics counted every step; after retention purged the instances the history comes from the archive.
/// </summary>
[Collection(ReviewCollection.Name)]
public sealed class SupervisionEndToEndTests(ReviewPlatformFixture fixture)
{
    /// <summary>A department no other test in the collection uses, so its counters move only with this test.</summary>
    private const string Department = "civil-affairs";

    [Fact]
    public async Task A_decided_case_has_its_history_timeline_rating_and_statistics()
    {
        using var supervisor = await fixture.SupervisorAsync();
        using var chief = await fixture.ChiefAsync(Department);
        using var otherChief = await fixture.ChiefAsync(ReviewPlatformFixture.WorklistDepartment);
        using var reviewer = await fixture.ReviewerAsync(Department);
        var before = await RowAsync(supervisor);
        var summaryBefore = await ApplicationsPlatformFixture.GetJsonAsync(supervisor, "api/supervision/stats/summary");

        var item = await fixture.CreateItemAsync(TimeSpan.FromHours(1), TimeSpan.FromHours(2), department: Department);
        var (id, number, _, applicant) = await fixture.AcceptedItemCaseAsync(item);
        using var _a = applicant;
        var review = await fixture.WaitForCaseAsync(applicant, id, c => c["stages"]!.AsArray().Count == 1 && ReviewPlatformFixture.TaskOf(c, Department)["warningAt"] is not null, "task open");
        var taskId = (string)ReviewPlatformFixture.TaskOf(review, Department)["id"]!;

        // Before a decision a rating is refused.
        using (var early = await applicant.PostAsJsonAsync($"api/applications/{id}/evaluation", new { score = 5 }))
            Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);

        await fixture.WaitForTaskAsync(reviewer, taskId, t => (string?)t["status"] == "in-review", "task in review");
        var open = await ApplicationsPlatformFixture.GetJsonAsync(fixture.Platform.Client, "api/track/" + number);
        Assert.True((DateTimeOffset)open["predictedCompletionAt"]! >= (DateTimeOffset)open["submittedAt"]!, open.ToJsonString());
        using (var decide = await reviewer.PostAsJsonAsync($"api/tasks/{taskId}/decision", new { decision = "approve", opinion = "材料齐全，准予办理" }))
            Assert.Equal(HttpStatusCode.Accepted, decide.StatusCode);
        await fixture.WaitForStatusAsync(applicant, id, "approved");
        Assert.Null((await ApplicationsPlatformFixture.GetJsonAsync(fixture.Platform.Client, "api/track/" + number))["predictedCompletionAt"]);

        // The case goes on to delivery (licence, pickup) before its orchestration completes.
        var pickedUp = await fixture.PickUpAsync(applicant, id);

        // The engine's history: the case and the department review merged in order, with actors and the department.
        var history = await WaitForHistoryAsync(supervisor, id, h => (string?)h["runtimeStatus"] == "Completed");
        var events = history["events"]!.AsArray();
        Assert.Equal(id, (string?)history["instanceId"]);
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => (int)e!["sequence"]!));
        Assert.True(events.Zip(events.Skip(1)).All(p => (DateTimeOffset)p.First!["timestamp"]! <= (DateTimeOffset)p.Second!["timestamp"]!), "events out of order");
        Assert.Equal("applicant", (string?)events.First(e => (string?)e!["type"] == "ExecutionStarted")!["actor"]);
        Assert.Contains(events, e => (string?)e!["name"] == "AcceptanceDecision" && (string?)e["actor"] == "clerk");
        var decision = events.Single(e => (string?)e!["type"] == "EventRaised" && (string?)e["name"] == "Decision")!;
        Assert.Equal(taskId, (string?)decision["instanceId"]);
        Assert.Equal(Department, (string?)decision["department"]);
        Assert.Equal($"user:reviewer-1-{Department}", (string?)decision["actor"]);
        var close = events.First(e => (string?)e!["type"] == "TaskScheduled" && (string?)e["name"] == "CloseTask")!;
        Assert.Equal($"user:reviewer-1-{Department}", (string?)close["actor"]);
        Assert.Contains(events, e => (string?)e!["type"] == "SubOrchestrationInstanceCreated" && (string?)e["detail"] == taskId);
        Assert.Contains(events, e => (string?)e!["type"] == "ExecutionCompleted" && (string?)e["instanceId"] == id);

        // The timeline tells it in domain terms, with working days per step.
        var timeline = (JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(supervisor, $"api/supervision/applications/{id}/timeline");
        var steps = timeline.Select(s => (string)s!["step"]!).ToList();
        Assert.Equal(["submitted", "accepted", "task-assigned"], steps.Take(3));
        // After the decision, delivery: the licence issued (its number), then delivered at the window, in that order.
        var caseSteps = steps.Where(s => s is "finished" or "licence-issued" or "delivered").ToList();
        Assert.Equal(["finished", "licence-issued", "delivered"], caseSteps);
        var licence = (string)pickedUp["licences"]!.AsArray().Single()!["number"]!;
        Assert.Contains(licence, (string?)timeline.Single(s => (string?)s!["step"] == "licence-issued")!["detail"], StringComparison.Ordinal);
        Assert.Contains("综合窗口领取", (string?)timeline.Single(s => (string?)s!["step"] == "delivered")!["detail"], StringComparison.Ordinal);
        Assert.True((double)timeline.Single(s => (string?)s!["step"] == "delivered")!["workingDays"]! >= 0);
        var decided = timeline.Single(s => (string?)s!["step"] == "decided")!;
        Assert.Equal(Department, (string?)decided["department"]);
        Assert.Equal($"user:reviewer-1-{Department}", (string?)decided["actor"]);
        Assert.Contains("材料齐全，准予办理", (string?)decided["detail"], StringComparison.Ordinal);
        Assert.Equal("clerk", (string?)timeline.Single(s => (string?)s!["step"] == "accepted")!["actor"]);
        Assert.All(timeline, s => Assert.True((double)s!["workingDays"]! >= 0));
        Assert.Equal(HttpStatusCode.OK, (await chief.GetAsync($"api/supervision/applications/{id}/timeline")).StatusCode);

        // Who may not see it, and what does not exist.
        Assert.Equal(HttpStatusCode.Forbidden, (await otherChief.GetAsync($"api/supervision/applications/{id}/timeline")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync($"api/supervision/applications/{id}/timeline")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await chief.GetAsync($"api/supervision/applications/{id}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync($"api/supervision/applications/{id}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync("api/supervision/applications/app-nosuchcase/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync("api/supervision/applications/app-nosuchcase/timeline")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherChief.GetAsync($"api/supervision/alerts?department={Department}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherChief.GetAsync("api/supervision/alerts")).StatusCode);

        // The rating: bad ones change nothing, a poor one opens a follow-up, a second one is a conflict.
        foreach (var bad in new object[] { new { score = 0 }, new { score = 6 }, new { score = 2.5 }, new { comment = "无分数" } })
        {
            using var refused = await applicant.PostAsJsonAsync($"api/applications/{id}/evaluation", bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using (var stranger = await fixture.ClientAsync("applicant-stranger", "applicant"))
        using (var notTheirs = await stranger.PostAsJsonAsync($"api/applications/{id}/evaluation", new { score = 5 }))
            Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        using (var rated = await applicant.PostAsJsonAsync($"api/applications/{id}/evaluation", new { score = 2, comment = "等待时间较长" }))
        {
            Assert.Equal(HttpStatusCode.Created, rated.StatusCode);
            var body = JsonNode.Parse(await rated.Content.ReadAsStringAsync())!;
            Assert.Equal("open", (string?)body["followUp"]!["status"]);
            Assert.Equal(["window", Department], body["departments"]!.AsArray().Select(d => (string)d!));
        }

        using (var again = await applicant.PostAsJsonAsync($"api/applications/{id}/evaluation", new { score = 5 }))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var poor = (JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(supervisor, "api/supervision/evaluations?maxScore=2");
        var evaluation = poor.Single(e => (string?)e!["applicationId"] == id)!;
        Assert.Equal(number, (string?)evaluation["number"]);
        var evaluationId = (string)evaluation["evaluationId"]!;
        Assert.DoesNotContain((JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(supervisor, "api/supervision/evaluations?maxScore=1"), e => (string?)e!["applicationId"] == id);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("api/supervision/evaluations?maxScore=seven")).StatusCode);
        using (var empty = await supervisor.PostAsJsonAsync($"api/supervision/evaluations/{evaluationId}/follow-up", new { note = " " }))
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        using (var unknown = await supervisor.PostAsJsonAsync("api/supervision/evaluations/eval-nosuch/follow-up", new { note = "已回访" }))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using (var closed = await supervisor.PostAsJsonAsync($"api/supervision/evaluations/{evaluationId}/follow-up", new { note = "已电话回访，说明原因" }))
            Assert.Equal(HttpStatusCode.Accepted, closed.StatusCode);
        using (var twice = await supervisor.PostAsJsonAsync($"api/supervision/evaluations/{evaluationId}/follow-up", new { note = "再次回访" }))
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var followed = ((JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(supervisor, "api/supervision/evaluations?maxScore=2")).Single(e => (string?)e!["applicationId"] == id)!;
        Assert.Equal("closed", (string?)followed["followUp"]!["status"]);
        Assert.Equal("已电话回访，说明原因", (string?)followed["followUp"]!["note"]);

        // The statistics counted the task (received, completed on time), the rating, and the case (online, finished on time).
        var after = await RowAsync(supervisor);
        Assert.Equal((int)before["received"]! + 1, (int)after["received"]!);
        Assert.Equal((int)before["completed"]! + 1, (int)after["completed"]!);
        Assert.Equal((int)before["onTime"]! + 1, (int)after["onTime"]!);
        Assert.Equal((int)before["overdue"]!, (int)after["overdue"]!);
        Assert.Equal((int)before["evaluations"]! + 1, (int)after["evaluations"]!);
        Assert.NotNull(after["satisfaction"]);
        Assert.NotNull(after["averageWorkingDays"]);
        var summary = await ApplicationsPlatformFixture.GetJsonAsync(supervisor, "api/supervision/stats/summary");
        Assert.True((int)summary["submitted"]! > (int)summaryBefore["submitted"]!);
        Assert.True((int)summary["finished"]! > (int)summaryBefore["finished"]!);
        Assert.Equal(1.0, (double)summary["onlineRate"]!);
        var own = (JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(chief, "api/supervision/stats");
        Assert.Equal(Department, (string?)own.Single()!["department"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await chief.GetAsync("api/supervision/stats?department=health")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync("api/supervision/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync("api/supervision/stats?department=no-such-department")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("api/supervision/stats?from=2026-13-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("api/supervision/stats?from=2026-11-30&to=2026-11-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("api/supervision/stats/summary?to=yesterday")).StatusCode);
        Assert.NotNull((await ApplicationsPlatformFixture.GetJsonAsync(supervisor, "api/supervision/forecast/backtest"))["tasks"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await chief.GetAsync("api/supervision/forecast/backtest")).StatusCode);

        // Once retention has purged the instances, the history comes from the archive, the same events.
        await using var client = PlatformEngineClient.Create(fixture.Platform);
        var archives = new CosmosCaseHistoryArchiveStore(fixture.Platform.Stack.Cosmos.CreateClient().GetContainer(fixture.Platform.Database, CosmosCaseHistoryArchiveStore.ContainerName));
        await new OrchestrationRetention(archives, TimeProvider.System, NullLogger<OrchestrationRetention>.Instance).RunAsync(client, DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);
        Assert.Null(await client.GetInstanceAsync(id));
        var archived = await ApplicationsPlatformFixture.GetJsonAsync(supervisor, $"api/supervision/applications/{id}/history");
        Assert.Equal("Completed", (string?)archived["runtimeStatus"]);
        Assert.Equal(events.Select(e => ((string?)e!["type"], (string?)e["name"], (string?)e["actor"], (string?)e["department"])),
            archived["events"]!.AsArray().Select(e => ((string?)e!["type"], (string?)e["name"], (string?)e["actor"], (string?)e["department"])));
    }

    private async Task<JsonNode> RowAsync(HttpClient supervisor)
    {
        var rows = (JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(supervisor, "api/supervision/stats");
        return rows.Single(r => (string?)r!["department"] == Department)!;
    }

    private async Task<JsonNode> WaitForHistoryAsync(HttpClient supervisor, string id, Func<JsonNode, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var history = await ApplicationsPlatformFixture.GetJsonAsync(supervisor, $"api/supervision/applications/{id}/history");
            if (until(history)) return history;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{id}: history never matched.\n{history.ToJsonString()[..Math.Min(4000, history.ToJsonString().Length)]}");
            await Task.Delay(200);
        }
    }
}
