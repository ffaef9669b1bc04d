using System.Net;
using System.Net.Http.Json;
using OneWindow.Functions.Tests.Applications;
using Xunit;

namespace OneWindow.Functions.Tests.Review;

/// <summary>The host killed (SIGKILL) and restarted while department tasks wait: timers and events still work.</summary>
public sealed class ReviewRestartEndToEndTests(ReviewRestartFixture fixture) : IClassFixture<ReviewRestartFixture>
{
    [Fact]
    public async Task After_a_host_crash_and_restart_waiting_tasks_still_get_their_timers_and_events()
    {
        var item = await fixture.CreateItemAsync(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(15));
        var (timed, timedNumber, _, applicant) = await fixture.AcceptedItemCaseAsync(item);
        var (decided, _, _, other) = await fixture.AcceptedItemCaseAsync(item);
        using var _a = applicant;
        using var _o = other;
        var timedTask = (string)ReviewPlatformFixture.TaskOf(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + timed), ReviewPlatformFixture.WebhookDepartment)["id"]!;
        var decidedTask = (string)ReviewPlatformFixture.TaskOf(await ApplicationsPlatformFixture.GetJsonAsync(other, "api/applications/" + decided), ReviewPlatformFixture.WebhookDepartment)["id"]!;
        using (var supervisorBefore = await fixture.SupervisorAsync())
        {
            var open = await fixture.WaitForTaskAsync(supervisorBefore, timedTask, t => t["dueAt"] is not null, "task open");
            Assert.True((DateTimeOffset)open["warningAt"]! > DateTimeOffset.UtcNow, "the warning must still be ahead when the host dies");
            Assert.DoesNotContain(await fixture.AlertsAsync(supervisorBefore), a => (string?)a!["taskId"] == timedTask);
            await fixture.WaitForTaskAsync(supervisorBefore, decidedTask, t => t["dueAt"] is not null, "second task open");
        }

        await fixture.Platform.RestartHostAsync();

        // Tokens of the development issuer survive a restart; get fresh clients anyway.
        using var supervisor = await fixture.SupervisorAsync();
        using var reviewer = await fixture.ReviewerAsync(ReviewPlatformFixture.WebhookDepartment);

        // An event after the restart reaches its waiting instance.
        using (var decide = await reviewer.PostAsJsonAsync($"api/tasks/{decidedTask}/decision", new { decision = "approve", opinion = "重启后审批" }))
            Assert.Equal(HttpStatusCode.Accepted, decide.StatusCode);
        await fixture.WaitForStatusAsync(other, decided, "approved");
        await fixture.WaitForDeliveryAsync(ReviewPlatformFixture.WebhookDepartment, decidedTask, "task.assigned");

        // Timers created before the crash fire after it.
        foreach (var level in new[] { "warning", "overdue" })
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (!(await fixture.AlertsAsync(supervisor, level)).Any(a => (string?)a!["taskId"] == timedTask))
            {
                Assert.True(DateTime.UtcNow < deadline, $"No {level} alert after the restart.\n{fixture.Platform.Host?.Tail()}");
                await Task.Delay(250);
            }
        }

        await fixture.WaitForSmsAsync(ReviewPlatformFixture.ChiefPhone, timedNumber, "超过承诺时限");
        using (var decide = await reviewer.PostAsJsonAsync($"api/tasks/{timedTask}/decision", new { decision = "reject", opinion = "逾期材料不符" }))
            Assert.Equal(HttpStatusCode.Accepted, decide.StatusCode);
        await fixture.WaitForStatusAsync(applicant, timed, "rejected");

        // Once each, crash or not: the overdue SMS to the chief and the warning.
        Assert.Equal(1, await fixture.CountSmsAsync(ReviewPlatformFixture.ChiefPhone, timedNumber, "超过承诺时限"));
        Assert.Equal(1, await fixture.CountSmsAsync(ReviewPlatformFixture.ChiefPhone, timedNumber, "到达承诺时限"));
    }
}
