using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace OneWindow.Functions.Tests.Applications;

/// <summary>Working-day deadlines of the window, watched pass by moving the host's development clock.</summary>
public sealed class ApplicationsClockTests(ApplicationsClockFixture fixture) : IClassFixture<ApplicationsClockFixture>
{
    [Fact]
    public async Task A_window_correction_not_supplied_in_time_ends_the_case_and_one_supplied_in_time_does_not()
    {
        using var applicant = await fixture.ApplicantAsync("applicant-clock");
        using var clerk = await fixture.ClerkAsync();
        var latePhone = ApplicationsPlatformFixture.NewPhone();
        var (lateId, _) = await fixture.SubmitValidAsync(applicant, ApplicationsPlatformFixture.NewIdNumber(), latePhone);
        var punctualPhone = ApplicationsPlatformFixture.NewPhone();
        var (punctualId, _) = await fixture.SubmitValidAsync(applicant, ApplicationsPlatformFixture.NewIdNumber(), punctualPhone);

        var corrections = new Dictionary<string, string>();
        foreach (var id in new[] { lateId, punctualId })
        {
            using var request = await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", new
            {
                decision = "request-correction",
                items = new[] { new { materialCode = "premises-proof", message = "租赁合同缺少出租方签字页" } },
                supplyWorkingDays = 1,
            });
            Assert.Equal(HttpStatusCode.Accepted, request.StatusCode);
            var waiting = await fixture.WaitForStatusAsync(applicant, id, "correction-required");
            var correction = Assert.Single((JsonArray)waiting["corrections"]!)!;
            Assert.NotNull(correction["dueAt"]);
            corrections[id] = (string)correction["id"]!;
        }

        // One applicant answers in time; the other lets the working day pass.
        var upload = await ApplicationsPlatformFixture.UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes("premises-in-time"));
        using (var answer = await applicant.PostAsJsonAsync($"api/applications/{punctualId}/corrections", new
        {
            correctionId = corrections[punctualId],
            materials = new[] { new { code = "premises-proof", uploadId = upload } },
        }))
        {
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }

        await fixture.WaitForStatusAsync(applicant, punctualId, "submitted");

        // Four days cover one working day after any weekday, weekend included.
        using var admin = await fixture.ClientAsync("admin-clock", "admin");
        using var moved = await admin.PostAsJsonAsync("api/dev/clock", new { advance = "P4D" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        var ended = await fixture.WaitForStatusAsync(applicant, lateId, "terminated", TimeSpan.FromSeconds(90));
        Assert.Equal("closed", (string?)ended["corrections"]![0]!["status"]);
        var sms = await fixture.WaitForSmsAsync(latePhone, 2);
        Assert.Contains(sms, m => ((string?)m!["text"])!.Contains("终止", StringComparison.Ordinal));

        // A late answer changes nothing.
        var lateUpload = await ApplicationsPlatformFixture.UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes("premises-late"));
        using (var late = await applicant.PostAsJsonAsync($"api/applications/{lateId}/corrections", new
        {
            correctionId = corrections[lateId],
            materials = new[] { new { code = "premises-proof", uploadId = lateUpload } },
        }))
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        }

        // The punctual case went on: its new acceptance window (Art. 32) also passed on the moved clock.
        var punctual = await fixture.WaitForStatusAsync(applicant, punctualId, "in-review", TimeSpan.FromSeconds(90));
        Assert.NotEqual("closed", (string?)punctual["corrections"]![0]!["status"]);
    }

    [Fact]
    public async Task The_clock_only_moves_forward_and_says_where_it_is()
    {
        var before = JsonNode.Parse(await fixture.Platform.Client.GetStringAsync("api/dev/clock"))!;
        using var admin = await fixture.ClientAsync("admin-clock", "admin");
        foreach (var bad in new object[] { new { advance = "-P1D" }, new { advance = "PT0S" }, new { advance = "soon" }, new { advance = "P500D" }, new { } })
        {
            using var refused = await admin.PostAsJsonAsync("api/dev/clock", bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True(JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]!["advance"] is not null);
        }

        var after = JsonNode.Parse(await fixture.Platform.Client.GetStringAsync("api/dev/clock"))!;
        Assert.Equal((string?)before["offset"], (string?)after["offset"]);
    }
}
