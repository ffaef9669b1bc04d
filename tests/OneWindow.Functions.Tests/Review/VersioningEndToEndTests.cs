using System.Net;
using System.Net.Http.Json;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using OneWindow.Functions.Tests.Applications;
using OneWindow.Functions.Tests.Delivery;
using Xunit;

namespace OneWindow.Functions.Tests.Review;

/// <summary>
/// Versioning as Durable Functions does it: a case started on version 1.0 keeps its version when a host of version 2.0
/// lands (host.json <c>defaultVersion</c>, <c>CurrentOrOlder</c>) and finishes there; new cases start on 2.0.
/// </summary>
public sealed class VersioningEndToEndTests(VersioningFixture fixture) : IClassFixture<VersioningFixture>
{
    private const string VersionVariable = "AzureFunctionsJobHost__extensions__durableTask__defaultVersion";

    [Fact]
    public async Task A_version_1_case_finishes_after_version_2_lands_and_new_cases_start_on_version_2()
    {
        var item = await fixture.CreateItemAsync(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60));
        var (old, _, _, applicant) = await fixture.AcceptedItemCaseAsync(item);
        using var _ = applicant;
        var task = (string)ReviewPlatformFixture.TaskOf(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + old), ReviewPlatformFixture.WebhookDepartment)["id"]!;
        using (var supervisor = await fixture.SupervisorAsync())
            await fixture.WaitForTaskAsync(supervisor, task, t => t["dueAt"] is not null, "task open");
        await using (var engine = PlatformEngineClient.Create(fixture.Platform))
        {
            Assert.Equal("1.0", await VersionOfAsync(engine, old));
            Assert.Equal("1.0", await VersionOfAsync(engine, task));
        }

        // Version 2.0 lands: the host restarts with the new default version.
        fixture.Platform.SetHostEnvironment(VersionVariable, "2.0");
        await fixture.Platform.RestartHostAsync();

        using var reviewer = await fixture.ReviewerAsync(ReviewPlatformFixture.WebhookDepartment);
        using (var decide = await reviewer.PostAsJsonAsync($"api/tasks/{task}/decision", new { decision = "approve", opinion = "新版本上线后审批" }))
            Assert.Equal(HttpStatusCode.Accepted, decide.StatusCode);
        await fixture.WaitForStatusAsync(applicant, old, "approved");

        // Approved cases go on to delivery (issue 13): licences (played by the test), pickup at the window, delivered.
        await DeliveryPlatformFixture.WaitForLicencesAsync(fixture.Platform, applicant, old);
        var ready = await fixture.WaitForCaseAsync(applicant, old, c => (string?)c["delivery"]!["status"] == "ready-for-pickup", "ready for pickup");
        using (var clerk = await fixture.ClientAsync("clerk-1", "clerk"))
        using (var pickup = await clerk.PostAsJsonAsync($"api/applications/{old}/pickup", new { pickupCode = (string)ready["delivery"]!["pickupCode"]! }))
            Assert.Equal(HttpStatusCode.Accepted, pickup.StatusCode);
        await fixture.WaitForStatusAsync(applicant, old, "delivered");

        var (fresh, _, _, other) = await fixture.AcceptedItemCaseAsync(item);
        using var __ = other;
        await using var after = PlatformEngineClient.Create(fixture.Platform);
        Assert.Equal("1.0", await VersionOfAsync(after, old));
        Assert.Equal("2.0", await VersionOfAsync(after, fresh));
        var finished = await after.GetInstanceAsync(old);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished!.RuntimeStatus);
    }

    private static async Task<string> VersionOfAsync(DurableTaskClient client, string instanceId)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await client.GetInstanceAsync(instanceId) is not null)
            {
                var started = (await client.GetOrchestrationHistoryAsync(instanceId)).OfType<ExecutionStartedEvent>().FirstOrDefault();
                if (started is not null) return started.Version;
            }

            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"{instanceId} has no history.");
            await Task.Delay(200);
        }
    }
}
