using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneWindow.Functions.Tests.Applications;
using Xunit;

namespace OneWindow.Functions.Tests.Review;

/// <summary>
/// The development clock moves business time only (decision 0007): a waiting review re-arms its deadline timers at once
/// and raises its warning, overdue and legal alerts at business times, while a department system signing with real time
/// is still accepted after a jump of five days.
/// </summary>
public sealed class ReviewClockEndToEndTests(ReviewClockFixture fixture) : IClassFixture<ReviewClockFixture>
{
    [Fact]
    public async Task After_the_clock_moves_five_days_the_deadlines_fire_and_a_signed_department_decision_is_still_accepted()
    {
        var item = await fixture.CreateItemAsync(TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(1));
        var (id, number, _, applicant) = await fixture.AcceptedItemCaseAsync(item);
        using var _a = applicant;
        using var supervisor = await fixture.SupervisorAsync();
        var review = await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id);
        var taskId = (string)ReviewPlatformFixture.TaskOf(review, ReviewPlatformFixture.WebhookDepartment)["id"]!;
        var task = await fixture.WaitForTaskAsync(supervisor, taskId, t => t["dueAt"] is not null, "task open");
        var due = (DateTimeOffset)task["dueAt"]!;
        Assert.DoesNotContain(await fixture.AlertsAsync(supervisor), a => (string?)a!["taskId"] == taskId);

        using var admin = await fixture.ClientAsync("admin-clock", "admin");
        using (var moved = await admin.PostAsJsonAsync("api/dev/clock", new { advance = "P5D" }))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            var answer = JsonNode.Parse(await moved.Content.ReadAsStringAsync())!;
            Assert.True((int)answer["instancesTold"]! >= 2, "the case and its review must both be told");
        }

        // The review's timers were set for hours ahead in engine time; told of the move, they fire now.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        JsonArray alerts;
        while (true)
        {
            alerts = new JsonArray((await fixture.AlertsAsync(supervisor)).Where(a => (string?)a!["taskId"] == taskId).Select(a => a!.DeepClone()).ToArray());
            if (new[] { "warning", "overdue", "legal-overdue" }.All(level => alerts.Any(a => (string?)a!["level"] == level))) break;
            Assert.True(DateTimeOffset.UtcNow < deadline, $"alerts after the move: {alerts.ToJsonString()}");
            await Task.Delay(300);
        }

        var overdue = alerts.First(a => (string?)a!["level"] == "overdue")!;
        Assert.True((DateTimeOffset)overdue["raisedAt"]! >= due, "the overdue alert carries business time, at or after the due time");
        Assert.True((DateTimeOffset)overdue["raisedAt"]! > DateTimeOffset.UtcNow.AddDays(4), "business time is five days ahead of real time");

        // The department system signs with its own (real) clock: accepted, not refused as stale.
        var (status, body) = await fixture.SandboxDecisionAsync(ReviewPlatformFixture.WebhookDepartment, new { taskId, decision = "approve", opinion = "时钟前移后审批" });
        Assert.True(status == HttpStatusCode.Accepted, $"signed decision after the move: {(int)status} {body}");
        var approved = await fixture.WaitForStatusAsync(applicant, id, "approved");
        Assert.True((DateTimeOffset)ReviewPlatformFixture.TaskOf(approved, ReviewPlatformFixture.WebhookDepartment)["decidedAt"]! > DateTimeOffset.UtcNow.AddDays(4));
        Assert.Equal(number, (string?)approved["number"]);
    }
}
