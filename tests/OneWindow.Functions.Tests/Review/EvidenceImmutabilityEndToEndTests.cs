using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OneWindow.Functions.Tests.Applications;
using Xunit;

namespace OneWindow.Functions.Tests.Review;

/// <summary>
/// Issue 15, finding 1: the upload URL (create/write SAS) outlives the check of its bytes. Whatever its holder PUTs after
/// the case used the file, departments and reviewers must download the bytes that were checked, as the declared type
/// and as an attachment, never as a web page.
/// </summary>
[Collection(ReviewCollection.Name)]
public sealed class EvidenceImmutabilityEndToEndTests(ReviewPlatformFixture fixture)
{
    private static readonly byte[] Html = Encoding.UTF8.GetBytes("<html><body><script>alert('replaced')</script></body></html>");

    [Fact]
    public async Task Overwriting_an_upload_after_submission_and_after_acceptance_changes_nothing_departments_or_reviewers_download()
    {
        using var applicant = await fixture.ClientAsync("applicant-" + Guid.NewGuid().ToString("N")[..8], "applicant");
        var idCard = ApplicationsPlatformFixture.FileBytes("id-card");
        var premises = ApplicationsPlatformFixture.FileBytes("premises");
        var (idCardUpload, idCardUrl) = await UploadAsync(applicant, idCard);
        var (premisesUpload, _) = await UploadAsync(applicant, premises);
        var body = ApplicationsPlatformFixture.Body(ApplicationsPlatformFixture.NewIdNumber(), ApplicationsPlatformFixture.NewPhone(),
            ("id-card", idCardUpload), ("premises-proof", premisesUpload));
        var key = Guid.NewGuid().ToString();
        string id;
        using (var submitted = await ApplicationsPlatformFixture.SubmitAsync(applicant, key, body))
        {
            var text = await submitted.Content.ReadAsStringAsync();
            Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, text);
            id = (string)JsonNode.Parse(text)!["id"]!;
        }

        // After submission: the URL is still within its 15 minutes; whether storage takes the PUT or not, it must not matter.
        await OverwriteAsync(idCardUrl);

        // A retry of the same submission still succeeds (the case's copy exists already; the overwritten upload is not read again).
        using (var again = await ApplicationsPlatformFixture.SubmitAsync(applicant, key, body))
        {
            var text = await again.Content.ReadAsStringAsync();
            Assert.True(again.StatusCode == HttpStatusCode.Accepted, text);
            Assert.Equal(id, (string?)JsonNode.Parse(text)!["id"]);
        }

        await fixture.WaitForStatusAsync(applicant, id, "submitted");
        using (var clerk = await fixture.ClientAsync("clerk-1", "clerk"))
        using (var decision = await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", new { decision = "accept" }))
        {
            Assert.True(decision.StatusCode == HttpStatusCode.Accepted, await decision.Content.ReadAsStringAsync());
        }

        var review = await fixture.WaitForStatusAsync(applicant, id, "in-review");
        var taskId = (string)ReviewPlatformFixture.TaskOf(review, ReviewPlatformFixture.WebhookDepartment)["id"]!;
        var recorded = review["materials"]!.AsArray().ToDictionary(m => (string)m!["code"]!, m => (string)m!["sha256"]!);
        Assert.Equal(Sha(idCard), recorded["id-card"]);

        // The department system's links serve the checked bytes, as PDF and as an attachment.
        var pushed = await fixture.WaitForDeliveryAsync(ReviewPlatformFixture.WebhookDepartment, taskId, "task.assigned");
        var departmentLinks = pushed["body"]!["materials"]!.AsArray().ToDictionary(m => (string)m!["code"]!, m => (string?)m!["downloadUrl"]);
        await AssertServesAsync(departmentLinks["id-card"], idCard, "department link after an overwrite following submission");
        await AssertServesAsync(departmentLinks["premises-proof"], premises, "department link of the untouched material");

        // After acceptance: another overwrite, and the same links (fetched again) and the reviewer's links still serve the checked bytes.
        await OverwriteAsync(idCardUrl);
        await AssertServesAsync(departmentLinks["id-card"], idCard, "department link after an overwrite following acceptance");
        using var reviewer = await fixture.ReviewerAsync(ReviewPlatformFixture.WebhookDepartment);
        var seen = await ApplicationsPlatformFixture.GetJsonAsync(reviewer, "api/applications/" + id);
        var reviewerLinks = seen["materials"]!.AsArray().ToDictionary(m => (string)m!["code"]!, m => (string?)m!["downloadUrl"]);
        await AssertServesAsync(reviewerLinks["id-card"], idCard, "reviewer's link after an overwrite following acceptance");
        await AssertServesAsync(reviewerLinks["premises-proof"], premises, "reviewer's link of the untouched material");
    }

    [Fact]
    public async Task Overwriting_an_upload_after_a_correction_used_it_changes_nothing_the_case_serves()
    {
        using var applicant = await fixture.ClientAsync("applicant-" + Guid.NewGuid().ToString("N")[..8], "applicant");
        var body = ApplicationsPlatformFixture.Body(ApplicationsPlatformFixture.NewIdNumber(), ApplicationsPlatformFixture.NewPhone(),
            ("id-card", (await UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes("id-card"))).UploadId),
            ("premises-proof", (await UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes("premises"))).UploadId));
        string id;
        using (var submitted = await ApplicationsPlatformFixture.SubmitAsync(applicant, Guid.NewGuid().ToString(), body))
        {
            var text = await submitted.Content.ReadAsStringAsync();
            Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, text);
            id = (string)JsonNode.Parse(text)!["id"]!;
        }

        await fixture.WaitForStatusAsync(applicant, id, "submitted");
        using var clerk = await fixture.ClientAsync("clerk-1", "clerk");
        using (var request = await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", new { decision = "request-correction", items = new[] { new { materialCode = "premises-proof", message = "缺少签字页" } } }))
        {
            Assert.True(request.StatusCode == HttpStatusCode.Accepted, await request.Content.ReadAsStringAsync());
        }

        var waiting = await fixture.WaitForStatusAsync(applicant, id, "correction-required");
        var correctionId = (string)waiting["corrections"]![0]!["id"]!;
        var corrected = ApplicationsPlatformFixture.FileBytes("premises-signed");
        var (upload, url) = await UploadAsync(applicant, corrected);
        object answer = new { correctionId, materials = new[] { new { code = "premises-proof", uploadId = upload } } };
        using (var response = await applicant.PostAsJsonAsync($"api/applications/{id}/corrections", answer))
        {
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        }

        await OverwriteAsync(url);
        var seen = await ApplicationsPlatformFixture.GetJsonAsync(clerk, "api/applications/" + id);
        var material = seen["corrections"]![0]!["materials"]!.AsArray().Single()!;
        Assert.Equal(Sha(corrected), (string?)material["sha256"]);
        await AssertServesAsync((string?)material["downloadUrl"], corrected, "clerk's link to the corrected material after an overwrite");
    }

    /// <summary>Reserves an upload and PUTs the bytes; returns the upload id and its URL (kept to try an overwrite later).</summary>
    private static async Task<(string UploadId, string Url)> UploadAsync(HttpClient applicant, byte[] bytes)
    {
        using var reserve = await applicant.PostAsJsonAsync("api/uploads", new { fileName = "material.pdf", contentType = "application/pdf", size = bytes.Length, sha256 = Sha(bytes) });
        var text = await reserve.Content.ReadAsStringAsync();
        Assert.True(reserve.StatusCode == HttpStatusCode.Created, text);
        var json = JsonNode.Parse(text)!;
        var url = (string)json["uploadUrl"]!;
        using var put = await PutAsync(url, bytes, "application/pdf");
        Assert.True(put.IsSuccessStatusCode, $"PUT answered {(int)put.StatusCode}");
        return ((string)json["uploadId"]!, url);
    }

    /// <summary>The attack: an HTML page of the same length is no matter; the content type asks the browser to render it.</summary>
    private static async Task OverwriteAsync(string url)
    {
        using var response = await PutAsync(url, Html, "text/html");
        _ = response.StatusCode; // accepted or refused by storage: what is downloaded must not change either way
    }

    private static async Task<HttpResponseMessage> PutAsync(string url, byte[] bytes, string contentType)
    {
        using var blob = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        request.Headers.Add("x-ms-blob-content-type", contentType);
        return await blob.SendAsync(request);
    }

    private static async Task AssertServesAsync(string? url, byte[] expected, string what)
    {
        Assert.False(string.IsNullOrEmpty(url), what + ": no download URL");
        using var http = new HttpClient();
        using var response = await http.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{what}: GET answered {(int)response.StatusCode}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(expected.AsSpan().SequenceEqual(bytes), $"{what}: served other bytes: {Encoding.UTF8.GetString(bytes)}");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
