using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneWindow.Domain.Licences;
using OneWindow.Functions.Tests.Applications;
using OneWindow.LicenceVerifier;
using Xunit;

namespace OneWindow.Functions.Tests.Licences;

/// <summary>
/// Licences over HTTP on the real host with the emulators and the sandbox: issuance from the queue for an approved case,
/// the PDF, online and offline verification, revocation, re-issue, the expiry reminder, and bad inputs.
/// </summary>
[Collection(LicenceCollection.Name)]
public sealed class LicenceEndToEndTests(LicencePlatformFixture fixture)
{
    [Fact]
    public async Task An_approved_case_gets_one_signed_licence_with_a_PDF_that_verifies_online_and_offline_and_a_reissue_supersedes_it()
    {
        var item = await fixture.CreateLicensedItemAsync(validityDays: 60);
        var (id, phone, applicant) = await fixture.ApprovedCaseAsync(item, new { scope = "热食类食品制售" });
        using var owned = applicant;

        // Issued once, even when the message comes twice.
        await fixture.RequestIssuanceAsync(id);
        var list = await fixture.WaitForLicencesAsync(applicant, l => l.Count == 1, "one licence");
        await fixture.RequestIssuanceAsync(id);
        await fixture.WaitForIssuanceQueueEmptyAsync();
        list = (JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/licences");
        var entry = Assert.Single(list)!;
        var number = (string)entry["number"]!;
        Assert.Matches($"^341881-{item}-\\d{{4}}-\\d{{6}}$", number);
        Assert.Equal("测试经营许可证", (string?)entry["kind"]);
        Assert.Equal(LicencePlatformFixture.Issuer, (string?)entry["issuer"]);
        Assert.Equal("valid", (string?)entry["status"]);

        var licence = await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/licences/" + number);
        Assert.Equal("欧阳测试", (string?)licence["holder"]);
        Assert.Equal("热食类食品制售", (string?)licence["scope"]);
        Assert.Equal(1, (int)licence["version"]!);
        var issuedAt = (DateTimeOffset)licence["issuedAt"]!;
        Assert.Equal(LicenceTime.DateOf(issuedAt).AddDays(59), LicenceTime.DateOf((DateTimeOffset)licence["validUntil"]!));

        // The PDF, and its QR payload verified with only the issuer's public key.
        using var file = await applicant.GetAsync((string)licence["fileUrl"]!);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType?.MediaType);
        var pdf = await file.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4), StringComparison.Ordinal);
        var key = await ApplicationsPlatformFixture.GetJsonAsync(fixture.Platform.Client, $"api/licences/issuers/{LicencePlatformFixture.Issuer}/public-key");
        Assert.Equal("SM2", (string?)key["algorithm"]);
        var publicKey = (string)key["publicKey"]!;
        var payload = LicencePayload.Parse(LicencePdfPayload.Extract(pdf), out _)!;
        Assert.Equal(number, payload.Number);
        Assert.Equal("欧阳测试", payload.Holder);
        Assert.True(LicenceSigning.Verify(payload, publicKey));
        var path = Path.Combine(Path.GetTempPath(), number + ".pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            Assert.Equal(Verification.Valid, Verification.Run(["--public-key", publicKey, path], TextReader.Null, TextWriter.Null, TextWriter.Null));
        }
        finally
        {
            File.Delete(path);
        }

        Assert.False(LicenceSigning.Verify(payload with { Holder = "欧阳假冒" }, publicKey));

        // Public online verification.
        var verified = await ApplicationsPlatformFixture.GetJsonAsync(fixture.Platform.Client, $"api/licences/{number}/verification");
        Assert.True((bool)verified["valid"]!);
        Assert.Equal("valid", (string?)verified["status"]);

        // Others: another applicant is told nothing; anonymous callers need a token; supervisors read it.
        using var stranger = await fixture.ClientAsync("applicant-stranger", "applicant");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("api/licences/" + number)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"api/licences/{number}/file")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Platform.Client.GetAsync("api/licences/" + number)).StatusCode);
        using var supervisor = await fixture.SupervisorAsync();
        Assert.Equal(number, (string?)(await ApplicationsPlatformFixture.GetJsonAsync(supervisor, "api/licences/" + number))["number"]);

        // Re-issue (admin): a new number, version 2; the old one is superseded and no longer verifies as valid.
        using var admin = await fixture.ClientAsync("admin-1", "admin");
        using (var reissue = await admin.PostAsJsonAsync($"api/licences/{number}/reissue", new { reason = "证照污损，申请换发" }))
        {
            Assert.True(reissue.StatusCode == HttpStatusCode.Created, await reissue.Content.ReadAsStringAsync());
        }

        list = await fixture.WaitForLicencesAsync(applicant, l => l.Count == 2, "the re-issued licence listed");
        var renewed = (string)list.Single(l => (string?)l!["number"] != number)!["number"]!;
        var second = await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/licences/" + renewed);
        Assert.Equal(2, (int)second["version"]!);
        Assert.Equal(number, (string?)second["supersedes"]);
        Assert.Equal(licence["validUntil"]!.ToJsonString(), second["validUntil"]!.ToJsonString());
        var old = await ApplicationsPlatformFixture.GetJsonAsync(fixture.Platform.Client, $"api/licences/{number}/verification");
        Assert.False((bool)old["valid"]!);
        Assert.Equal("superseded", (string?)old["status"]);
        Assert.True((bool)(await ApplicationsPlatformFixture.GetJsonAsync(fixture.Platform.Client, $"api/licences/{renewed}/verification"))["valid"]!);
        using (var again = await admin.PostAsJsonAsync($"api/licences/{number}/reissue", new { reason = "再次换发" }))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Revocation_by_the_issuing_chief_makes_verification_invalid_and_wrong_callers_or_bodies_change_nothing()
    {
        var item = await fixture.CreateLicensedItemAsync(validityDays: 365);
        var (id, _, applicant) = await fixture.ApprovedCaseAsync(item);
        using var _ = applicant;
        await fixture.RequestIssuanceAsync(id);
        var number = (string)(await fixture.WaitForLicencesAsync(applicant, l => l.Count == 1, "one licence"))[0]!["number"]!;

        using var reviewer = await fixture.ReviewerAsync(LicencePlatformFixture.Issuer);
        using var otherChief = await fixture.ChiefAsync("health");
        using var chief = await fixture.ChiefAsync(LicencePlatformFixture.Issuer);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsJsonAsync($"api/licences/{number}/revocation", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherChief.PostAsJsonAsync($"api/licences/{number}/revocation", new { reason = "不是我发的" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.PostAsJsonAsync($"api/licences/{number}/revocation", new { reason = "自己撤销" })).StatusCode);
        await AssertBadRequestAsync(chief, $"api/licences/{number}/revocation", new { }, "reason");
        await AssertBadRequestAsync(chief, $"api/licences/{number}/revocation", new { reason = "" }, "reason");
        await AssertBadRequestAsync(chief, $"api/licences/{number}/revocation", new { reason = 42 }, "reason");
        await AssertBadRequestAsync(chief, $"api/licences/{number}/revocation", new { reason = new string('长', 501) }, "reason");
        Assert.Equal(HttpStatusCode.NotFound, (await chief.PostAsJsonAsync("api/licences/no-such-licence/revocation", new { reason = "不存在" })).StatusCode);
        Assert.True((bool)(await ApplicationsPlatformFixture.GetJsonAsync(fixture.Platform.Client, $"api/licences/{number}/verification"))["valid"]!);

        using (var revoke = await chief.PostAsJsonAsync($"api/licences/{number}/revocation", new { reason = "以欺骗手段取得许可" }))
            Assert.True(revoke.StatusCode == HttpStatusCode.Accepted, await revoke.Content.ReadAsStringAsync());
        var verified = await ApplicationsPlatformFixture.GetJsonAsync(fixture.Platform.Client, $"api/licences/{number}/verification");
        Assert.False((bool)verified["valid"]!);
        Assert.Equal("revoked", (string?)verified["status"]);
        Assert.True((bool)verified["signatureValid"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await chief.PostAsJsonAsync($"api/licences/{number}/revocation", new { reason = "再撤一次" })).StatusCode);
        var revoked = await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/licences/" + number);
        Assert.Equal("以欺骗手段取得许可", (string?)revoked["revocationReason"]);
        Assert.Contains(revoked["operations"]!.AsArray(), o => (string?)o!["type"] == "revoked");
        using (var reissue = await chief.PostAsJsonAsync($"api/licences/{number}/reissue", new { reason = "撤销后换发" }))
            Assert.Equal(HttpStatusCode.Conflict, reissue.StatusCode);

        // A stored licence whose fields no longer match its signature (changed in the database), or whose signature is
        // garbage, verifies as invalid: 200 with valid false, never a 5xx.
        using var cosmos = fixture.Platform.Stack.Cosmos.CreateClient();
        var container = cosmos.GetContainer(fixture.Platform.Database, "licences");
        foreach (var (field, value) in new[] { ("kind", "伪造许可证"), ("signature", "%%%not-a-signature") })
        {
            var key = new Microsoft.Azure.Cosmos.PartitionKey("lic-" + number);
            JsonNode stored;
            using (var read = await container.ReadItemStreamAsync("lic-" + number, key))
                stored = (await JsonNode.ParseAsync(read.Content))!;
            stored["body"]![field] = value;
            stored["body"]!["status"] = "valid";
            using (var replaced = await container.ReplaceItemStreamAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(stored.ToJsonString())), "lic-" + number, key))
                Assert.True(replaced.IsSuccessStatusCode, replaced.ErrorMessage);
            using var response = await fixture.Platform.Client.GetAsync($"api/licences/{number}/verification");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var forged = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.False((bool)forged["valid"]!);
            Assert.False((bool)forged["signatureValid"]!);
            Assert.Equal("valid", (string?)forged["status"]);
        }
    }

    [Fact]
    public async Task Unknown_licences_issuers_and_messages_are_4xx_or_dropped_never_5xx()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Platform.Client.GetAsync("api/licences/341881-nothing-2026-000001/verification")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Platform.Client.GetAsync("api/licences/" + new string('9', 300) + "/verification")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Platform.Client.GetAsync("api/licences/issuers/no-such-department/public-key")).StatusCode);
        using var applicant = await fixture.ClientAsync("applicant-nobody", "applicant");
        Assert.Empty((JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/licences"));
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.GetAsync("api/licences/341881-nothing-2026-000001")).StatusCode);
        using var clerk = await fixture.ClientAsync("clerk-1", "clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("api/licences")).StatusCode);

        // A department's licence fields are checked with its decision: nothing is recorded when they are wrong.
        var item = await fixture.CreateLicensedItemAsync(validityDays: 30);
        var (id, _, _, owner) = await fixture.AcceptedItemCaseAsync(item);
        using var _ = owner;
        var review = await fixture.WaitForCaseAsync(owner, id, c => Review.ReviewPlatformFixture.TaskOf(c, LicencePlatformFixture.Issuer)["warningAt"] is not null, "task open");
        var task = (string)Review.ReviewPlatformFixture.TaskOf(review, LicencePlatformFixture.Issuer)["id"]!;
        foreach (var licence in new object[] { "text", new { validUntil = "2030/01/01" }, new { scope = 5 }, new { colour = "red" }, new { scope = new string('围', 201) } })
        {
            var bad = await fixture.SandboxDecisionAsync(LicencePlatformFixture.Issuer, new { taskId = task, decision = "approve", opinion = "同意", licence });
            Assert.True(bad.Status == HttpStatusCode.BadRequest, bad.Body);
            Assert.Contains("licence", bad.Body, StringComparison.Ordinal);
        }

        var rejectWithLicence = await fixture.SandboxDecisionAsync(LicencePlatformFixture.Issuer, new { taskId = task, decision = "reject", opinion = "不同意", licence = new { scope = "x" } });
        Assert.Equal(HttpStatusCode.BadRequest, rejectWithLicence.Status);
        Assert.Equal("in-review", (string?)(await ApplicationsPlatformFixture.GetJsonAsync(owner, "api/applications/" + id))["status"]);

        // An issuance message for a case that is not approved, or for no case at all, issues nothing and is not retried.
        await fixture.RequestIssuanceAsync(id);
        await fixture.RequestIssuanceAsync("app-does-not-exist");
        await fixture.WaitForIssuanceQueueEmptyAsync();
        Assert.Empty((JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(owner, "api/licences"));
        var poison = new Azure.Storage.Queues.QueueClient(fixture.Platform.Stack.Azurite.ConnectionString, Orchestrations.Delivery.LicenceIssuance.QueueName + "-poison");
        Assert.Equal(0, (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_valid_licence_of_the_applicant_stands_in_for_a_material_where_the_item_allows_it_and_the_reviewer_sees_it()
    {
        var licensed = await fixture.CreateLicensedItemAsync(validityDays: 365);
        var (first, _, applicant) = await fixture.ApprovedCaseAsync(licensed);
        using var owned = applicant;
        await fixture.RequestIssuanceAsync(first);
        var number = (string)(await fixture.WaitForLicencesAsync(applicant, l => l.Count == 1, "one licence"))[0]!["number"]!;

        // A second item whose premises proof may be given as a licence of the first item.
        var item = await fixture.CreateItemAsync(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60));
        using var admin = await fixture.ClientAsync("admin-1", "admin");
        var definition = (JsonObject)await ApplicationsPlatformFixture.GetJsonAsync(admin, "api/admin/items/" + item);
        definition.Remove("version");
        foreach (var material in definition["materials"]!.AsArray())
        {
            if ((string?)material!["code"] == "premises-proof") material["licenceItems"] = new JsonArray(licensed);
        }

        using (var put = await admin.PutAsJsonAsync("api/admin/items/" + item, definition))
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

        var idCard = await ApplicationsPlatformFixture.UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes("id-card"));
        JsonObject Body(params JsonObject[] materials)
        {
            var body = ApplicationsPlatformFixture.Body(ApplicationsPlatformFixture.NewIdNumber(), ApplicationsPlatformFixture.NewPhone());
            body["itemCode"] = item;
            body["materials"] = new JsonArray([new JsonObject { ["code"] = "id-card", ["uploadId"] = idCard }, .. materials]);
            return body;
        }

        JsonObject Licence(string code, string licenceNumber) => new() { ["code"] = code, ["licenceNumber"] = licenceNumber };
        async Task RefusedAsync(HttpClient client, JsonObject body, string field, string words)
        {
            using var response = await ApplicationsPlatformFixture.SubmitAsync(client, Guid.NewGuid().ToString(), body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
            Assert.Contains(field, text, StringComparison.Ordinal);
            Assert.Contains(words, text, StringComparison.Ordinal);
        }

        await RefusedAsync(applicant, Body(Licence("premises-proof", "341881-nothing-2026-000001")), "materials[1].licenceNumber", "no licence");
        using (var stranger = await fixture.ClientAsync("applicant-" + Guid.NewGuid().ToString("N")[..8], "applicant"))
        {
            var strangerCard = await ApplicationsPlatformFixture.UploadAsync(stranger, ApplicationsPlatformFixture.FileBytes("id-card"));
            var body = Body(Licence("premises-proof", number));
            body["materials"]![0]!["uploadId"] = strangerCard;
            await RefusedAsync(stranger, body, "materials[1].licenceNumber", "no licence");
        }

        var wrongMaterial = Body(Licence("premises-proof", number));
        wrongMaterial["materials"] = new JsonArray(Licence("id-card", number), new JsonObject { ["code"] = "premises-proof", ["uploadId"] = idCard });
        await RefusedAsync(applicant, wrongMaterial, "materials[0].licenceNumber", "cannot be given as a licence");
        var both = Licence("premises-proof", number);
        both["uploadId"] = idCard;
        await RefusedAsync(applicant, Body(both), "materials[1]", "not both");

        // Accepted: the case fixes the licence's PDF as its evidence and links the licence; the reviewer sees both.
        using var submitted = await ApplicationsPlatformFixture.SubmitAsync(applicant, Guid.NewGuid().ToString(), Body(Licence("premises-proof", number)));
        var answer = await submitted.Content.ReadAsStringAsync();
        Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, answer);
        var id = (string)JsonNode.Parse(answer)!["id"]!;
        await fixture.WaitForStatusAsync(applicant, id, "submitted");
        using var clerk = await fixture.ClientAsync("clerk-1", "clerk");
        using (var accept = await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", new { decision = "accept" }))
            Assert.Equal(HttpStatusCode.Accepted, accept.StatusCode);
        using var reviewer = await fixture.ReviewerAsync(LicencePlatformFixture.Issuer);
        await fixture.WaitForCaseAsync(applicant, id, c => c["stages"]?.AsArray().SelectMany(t => t!["tasks"]!.AsArray()).Any() == true, "the review task");
        var view = await ApplicationsPlatformFixture.GetJsonAsync(reviewer, "api/applications/" + id);
        var reused = view["materials"]!.AsArray().Single(m => (string?)m!["code"] == "premises-proof")!;
        Assert.Equal(number, (string?)reused["licenceNumber"]);
        Assert.Equal($"/api/licences/{number}/verification", (string?)reused["licenceUrl"]);
        Assert.True((bool)reused["reused"]!);
        using var download = new HttpClient();
        var pdf = await download.GetByteArrayAsync((string)reused["downloadUrl"]!);
        Assert.Equal(number, LicencePayload.Parse(LicencePdfPayload.Extract(pdf), out _)!.Number);
        Assert.True((bool)(await ApplicationsPlatformFixture.GetJsonAsync(fixture.Platform.Client, (string)reused["licenceUrl"]!))["valid"]!);

        // A revoked licence stands in for nothing.
        using var chief = await fixture.ChiefAsync(LicencePlatformFixture.Issuer);
        using (var revoke = await chief.PostAsJsonAsync($"api/licences/{number}/revocation", new { reason = "吊销" }))
            Assert.Equal(HttpStatusCode.Accepted, revoke.StatusCode);
        await RefusedAsync(applicant, Body(Licence("premises-proof", number)), "materials[1].licenceNumber", "revoked");
    }

    private static async Task AssertBadRequestAsync(HttpClient client, string path, object body, string field)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Contains(field, text, StringComparison.Ordinal);
    }
}
