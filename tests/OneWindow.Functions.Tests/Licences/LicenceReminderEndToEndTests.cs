using System.Net.Http.Json;
using Azure.Storage.Blobs;
using OneWindow.Functions.Tests.Applications;
using Xunit;

namespace OneWindow.Functions.Tests.Licences;

/// <summary>The expiry reminder by SMS, once per licence and reminder, as business time passes.</summary>
[Collection(LicenceReminderCollection.Name)]
public sealed class LicenceReminderEndToEndTests(LicencePlatformFixture fixture)
{
    [Fact]
    public async Task A_licence_is_reminded_once_by_SMS_30_days_before_its_validity_ends_and_a_revoked_one_is_not()
    {
        var item = await fixture.CreateLicensedItemAsync(validityDays: 60);
        var (id, phone, applicant) = await fixture.ApprovedCaseAsync(item);
        using var owned = applicant;
        var (revokedId, revokedPhone, revokedApplicant) = await fixture.ApprovedCaseAsync(item);
        using var owned2 = revokedApplicant;
        await fixture.RequestIssuanceAsync(id);
        await fixture.RequestIssuanceAsync(revokedId);
        var number = (string)(await fixture.WaitForLicencesAsync(applicant, l => l.Count == 1, "one licence"))[0]!["number"]!;
        var revoked = (string)(await fixture.WaitForLicencesAsync(revokedApplicant, l => l.Count == 1, "one licence"))[0]!["number"]!;
        using var admin = await fixture.ClientAsync("admin-1", "admin");
        using (var revoke = await admin.PostAsJsonAsync($"api/licences/{revoked}/revocation", new { reason = "测试撤销" }))
            Assert.True(revoke.IsSuccessStatusCode, await revoke.Content.ReadAsStringAsync());

        // Nothing is due yet: the timer runs (twice) and sends nothing.
        var status = new BlobServiceClient(fixture.Platform.Stack.Azurite.ConnectionString).GetBlobContainerClient("azure-webjobs-hosts").GetBlobClient("timers/SendLicenceExpiryReminders.status");
        await WaitForTimerRunsAsync(status, 2);
        Assert.Equal(0, await fixture.CountSmsAsync(phone, number, "届满"));

        // 31 days later the 30-day reminder is due: one SMS, recorded on the licence, not repeated by later runs.
        using (var clock = await admin.PostAsJsonAsync("api/dev/clock", new { advance = "P31D" }))
            Assert.True(clock.IsSuccessStatusCode, await clock.Content.ReadAsStringAsync());
        await fixture.WaitForSmsAsync(phone, number, "30日内届满");
        var reminded = await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/licences/" + number);
        Assert.Contains("30", reminded["remindersSent"]!.AsArray().Select(r => (string?)r));
        Assert.Contains(reminded["operations"]!.AsArray(), o => (string?)o!["type"] == "reminded");
        await WaitForTimerRunsAsync(status, 3);
        Assert.Equal(1, await fixture.CountSmsAsync(phone, number, "届满"));
        Assert.Equal(0, await fixture.CountSmsAsync(revokedPhone, revoked, "届满"));
    }

    /// <summary>Waits until the timer's status blob has changed <paramref name="runs"/> times (each claimed run rewrites it).</summary>
    private async Task WaitForTimerRunsAsync(BlobClient status, int runs)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var seen = (await status.GetPropertiesAsync()).Value.ETag;
        for (var changes = 0; changes < runs;)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The reminder timer did not run again.\n" + fixture.Platform.Host?.Tail());
            await Task.Delay(200);
            var now = (await status.GetPropertiesAsync()).Value.ETag;
            if (now != seen) { changes++; seen = now; }
        }
    }
}
