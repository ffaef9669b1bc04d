using System.Net;
using System.Net.Http.Json;
using OneWindow.Data.Applications;
using OneWindow.Domain.Applications;
using OneWindow.Orchestrations.Applications;
using Xunit;

namespace OneWindow.Functions.Tests.Applications;

/// <summary>
/// A clerk's decision claimed just before the host died (the claim written, the event never raised): the clerk's retry
/// raises it again instead of a 409 until the Art. 32 timer; another decision is still refused; a duplicate event of a
/// finished round is ignored by the orchestration.
/// </summary>
[Collection(ApplicationsCollection.Name)]
public sealed class AcceptanceRecoveryTests(ApplicationsPlatformFixture fixture)
{
    [Fact]
    public async Task A_decision_claimed_before_a_crash_is_raised_by_the_retry_and_a_stale_duplicate_is_ignored()
    {
        using var applicant = await fixture.ApplicantAsync("applicant-recovery");
        using var clerk = await fixture.ClerkAsync();
        var (id, _) = await fixture.SubmitValidAsync(applicant, ApplicationsPlatformFixture.NewIdNumber(), ApplicationsPlatformFixture.NewPhone());
        await fixture.WaitForStatusAsync(applicant, id, "submitted");
        var correction = new { decision = "request-correction", items = new[] { new { materialCode = "premises-proof", message = "租赁合同缺少出租方签字页" } } };
        var pending = new AcceptanceDecision(AcceptanceDecision.RequestCorrection, [], [new CorrectionItem("premises-proof", "租赁合同缺少出租方签字页")], null, null);

        // As if the host had died between the claim and the raise.
        var store = new CosmosApplicationStore(Container(ApplicationContainers.Applications), Container(ApplicationContainers.ApplicantLists), Container(ApplicationContainers.Counters));
        await store.UpdateAsync(id, a => a with { AwaitingDecision = false, PendingAcceptance = pending });

        using (var other = await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", new { decision = "accept" }))
            Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        using (var retry = await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", correction))
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var waiting = await fixture.WaitForStatusAsync(applicant, id, "correction-required");
        var correctionId = (string)waiting["corrections"]![0]!["id"]!;

        // The same round-0 decision arrives once more (a second retry that raced the first): it must not open a second notice.
        await using (var durable = PlatformEngineClient.Create(fixture.Platform))
            await durable.RaiseEventAsync(id, ApplicationEvents.AcceptanceDecision, pending);
        var upload = await ApplicationsPlatformFixture.UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes("premises-recovered"));
        using (var answer = await applicant.PostAsJsonAsync($"api/applications/{id}/corrections", new { correctionId, materials = new[] { new { code = "premises-proof", uploadId = upload } } }))
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        await fixture.WaitForStatusAsync(applicant, id, "submitted");

        using (var accept = await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", new { decision = "accept" }))
            Assert.Equal(HttpStatusCode.Accepted, accept.StatusCode);
        var accepted = await fixture.WaitForStatusAsync(applicant, id, "in-review");
        Assert.Single((System.Text.Json.Nodes.JsonArray)accepted["corrections"]!);
        Assert.Null((await store.GetAsync(id))!.PendingAcceptance);
    }

    private Microsoft.Azure.Cosmos.Container Container(string name) => fixture.Cosmos.GetContainer(fixture.Platform.Database, name);
}
