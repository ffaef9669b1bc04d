using System.Net;
using System.Net.Http.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using OneWindow.Data.Supervision;
using OneWindow.Functions.Supervision;
using OneWindow.Functions.Tests.Review;
using Xunit;

namespace OneWindow.Functions.Tests.Supervision;

/// <summary>
/// Retention on the real engine: a finished case's merged history (the case and its department reviews) is archived,
/// then the instances leave the task hub; a second run finds nothing to do; a running case is never touched.
/// </summary>
[Collection(ReviewCollection.Name)]
public sealed class RetentionTests(ReviewPlatformFixture fixture)
{
    [Fact]
    public async Task A_finished_case_is_archived_with_its_sub_orchestrations_then_purged_and_a_running_one_is_kept()
    {
        var (id, _, _, applicant) = await fixture.AcceptedRestaurantCaseAsync();
        using var _ = applicant;
        var (runningId, _, _, runningApplicant) = await fixture.AcceptedRestaurantCaseAsync();
        using var __ = runningApplicant;
        var review = await fixture.WaitForCaseAsync(applicant, id, c => c["stages"]![0]!["tasks"]!.AsArray().All(t => t!["warningAt"] is not null), "tasks open");
        var tasks = review["stages"]![0]!["tasks"]!.AsArray().Select(t => (string)t!["id"]!).ToList();
        var fire = (string)ReviewPlatformFixture.TaskOf(review, ReviewPlatformFixture.WorklistDepartment)["id"]!;
        using var fireReviewer = await fixture.ReviewerAsync(ReviewPlatformFixture.WorklistDepartment);
        using (var reject = await fireReviewer.PostAsJsonAsync($"api/tasks/{fire}/decision", new { decision = "reject", opinion = "疏散通道不符合要求" }))
            Assert.Equal(HttpStatusCode.Accepted, reject.StatusCode);
        await fixture.WaitForStatusAsync(applicant, id, "rejected");

        await using var client = PlatformEngineClient.Create(fixture.Platform);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var finished = await client.WaitForInstanceCompletionAsync(id, wait.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        foreach (var task in tasks) await client.WaitForInstanceCompletionAsync(task, wait.Token);

        var archives = new CosmosCaseHistoryArchiveStore(fixture.Platform.Stack.Cosmos.CreateClient().GetContainer(fixture.Platform.Database, CosmosCaseHistoryArchiveStore.ContainerName));
        var retention = new OrchestrationRetention(archives, TimeProvider.System, NullLogger<OrchestrationRetention>.Instance);
        var (archived, purged) = await retention.RunAsync(client, DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);

        Assert.True(archived >= 1, "the finished case was not archived");
        Assert.True(purged >= 1 + tasks.Count, $"purged {purged}, expected the case and its {tasks.Count} reviews");
        Assert.Null(await client.GetInstanceAsync(id));
        foreach (var task in tasks) Assert.Null(await client.GetInstanceAsync(task));
        Assert.NotNull(await client.GetInstanceAsync(runningId));

        var archive = await archives.GetAsync(id);
        Assert.NotNull(archive);
        Assert.Equal("Completed", archive.RuntimeStatus);
        Assert.Equal(tasks.Order(), archive.Instances.Where(i => i != id).Order());
        Assert.Equal(Enumerable.Range(0, archive.Events.Count), archive.Events.Select(e => e.Sequence));
        Assert.True(archive.Events.Zip(archive.Events.Skip(1)).All(p => p.First.Timestamp <= p.Second.Timestamp), "events out of order");
        Assert.Contains(archive.Events, e => e.InstanceId == id && e.Type == "SubOrchestrationInstanceCreated" && e.Data == fire);
        Assert.Contains(archive.Events, e => e.InstanceId == fire && e.Type == "EventRaised" && e.Name == "Decision");
        Assert.Contains(archive.Events, e => e.InstanceId == fire && e.Type == "TaskScheduled" && e.Name == "CloseTask");
        Assert.Contains(archive.Events, e => e.InstanceId == id && e.Type == "ExecutionCompleted");
        Assert.DoesNotContain(archive.Events, e => e.Type is "OrchestratorStarted" or "OrchestratorCompleted");

        // Again: nothing left to archive or purge; the running case is still there.
        var again = await retention.RunAsync(client, DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);
        Assert.NotNull(await archives.GetAsync(id));
        Assert.Null(await client.GetInstanceAsync(id));
        Assert.NotNull(await client.GetInstanceAsync(runningId));
        Assert.True(again.Archived <= 1, "only cases finished since the first run may be archived");
    }

    [Theory]
    [InlineData(null, 90 * 24)]
    [InlineData("P30D", 30 * 24)]
    [InlineData("2.00:00:00", 48)]
    public void The_retention_period_is_read_from_configuration(string? configured, int hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), OrchestrationRetentionFunction.Period(configured));
}
