using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using OneWindow.Domain.Applications;
using Xunit;
using Fx = OneWindow.Functions.Tests.Applications.ApplicationsPlatformFixture;

namespace OneWindow.Functions.Tests.Applications;

/// <summary>
/// Every field of every applications route, wrong in every way that matters: each answer is a 4xx problem naming the
/// field, and reading the stores back shows nothing was stored (no application, idempotency record, orchestration
/// instance or list row; the uploads unused; the case's state unchanged so a valid request still succeeds).
/// </summary>
[Collection(ApplicationsCollection.Name)]
public sealed class ApplicationsBadInputTests(Fx fixture)
{
    private const string Subject = "applicant-bad-input";
    private const string OtherSubject = "applicant-bad-input-other";

    private sealed record Setup(string IdCard, string Premises, string OthersUpload, string NeverWritten, string WrongHash, string WrongSize, string UsedKey, JsonObject UsedBody);

    private async Task<Setup> SetupAsync()
    {
        await fixture.SharedLock.WaitAsync();
        try
        {
            if (fixture.Shared.TryGetValue(nameof(Setup), out var existing)) return (Setup)existing;
            using var applicant = await fixture.ApplicantAsync(Subject);
            using var other = await fixture.ApplicantAsync(OtherSubject);
            var content = Fx.FileBytes("declared");
            var setup = new Setup(
                await Fx.UploadAsync(applicant, Fx.FileBytes("id")),
                await Fx.UploadAsync(applicant, Fx.FileBytes("premises")),
                await Fx.UploadAsync(other, Fx.FileBytes("other")),
                await Fx.UploadAsync(applicant, Fx.FileBytes("never"), write: false),
                await Fx.UploadAsync(applicant, content, actual: content.Select(b => (byte)(b ^ 1)).ToArray()),
                await Fx.UploadAsync(applicant, content, actual: [.. content, .. content]),
                "used-key-" + Guid.NewGuid().ToString("N"),
                new JsonObject());
            // A key already used (by the other applicant's successful submission) for the "same key, other body" row.
            var otherId = await Fx.UploadAsync(other, Fx.FileBytes("other-id"));
            var otherPremises = await Fx.UploadAsync(other, Fx.FileBytes("other-premises"));
            var usedBody = Fx.Body(Fx.NewIdNumber(), Fx.NewPhone(), ("id-card", otherId), ("premises-proof", otherPremises));
            using var used = await Fx.SubmitAsync(other, setup.UsedKey, usedBody);
            Assert.Equal(HttpStatusCode.Accepted, used.StatusCode);
            setup = setup with { UsedBody = usedBody };
            fixture.Shared[nameof(Setup)] = setup;
            return setup;
        }
        finally
        {
            fixture.SharedLock.Release();
        }
    }

    public static TheoryData<string> SubmissionCases => new(SubmissionRows.Keys);

    private static readonly Dictionary<string, (string Field, int Status, Func<Setup, JsonObject, JsonNode?> Change)> SubmissionRows = new()
    {
        ["itemCode missing"] = ("itemCode", 400, (_, b) => Without(b, "itemCode")),
        ["itemCode wrong type"] = ("itemCode", 400, (_, b) => With(b, "itemCode", 42)),
        ["itemCode too long"] = ("itemCode", 400, (_, b) => With(b, "itemCode", new string('x', 65))),
        ["itemCode and packageCode"] = ("itemCode", 400, (_, b) => With(b, "packageCode", "restaurant-opening")),
        ["itemCode unknown"] = ("itemCode", 400, (_, b) => With(b, "itemCode", "no-such-item")),
        ["packageCode unknown"] = ("packageCode", 400, (_, b) => With(Without(b, "itemCode"), "packageCode", "no-such-package")),
        ["answers wrong type"] = ("answers", 400, (_, b) => With(b, "answers", "yes")),
        ["answers unknown question"] = ("answers.nope", 400, (_, b) => With(b, "answers", new JsonObject { ["nope"] = "是" })),
        ["answers value wrong type"] = ("answers.nope", 400, (_, b) => With(b, "answers", new JsonObject { ["nope"] = 1 })),
        ["applicant missing"] = ("applicant", 400, (_, b) => Without(b, "applicant")),
        ["applicant wrong type"] = ("applicant", 400, (_, b) => With(b, "applicant", "张三")),
        ["applicant.kind unknown"] = ("applicant.kind", 400, (_, b) => Applicant(b, "kind", "robot")),
        ["applicant.kind missing"] = ("applicant.kind", 400, (_, b) => Applicant(b, "kind", null)),
        ["applicant.name missing"] = ("applicant.name", 400, (_, b) => Applicant(b, "name", null)),
        ["applicant.name wrong type"] = ("applicant.name", 400, (_, b) => Applicant(b, "name", 7)),
        ["applicant.name too long"] = ("applicant.name", 400, (_, b) => Applicant(b, "name", new string('张', 101))),
        ["applicant.idNumber missing"] = ("applicant.idNumber", 400, (_, b) => Applicant(b, "idNumber", null)),
        ["applicant.idNumber wrong type"] = ("applicant.idNumber", 400, (_, b) => Applicant(b, "idNumber", 110105194912310021L)),
        ["applicant.idNumber checksum"] = ("applicant.idNumber", 400, (_, b) => Applicant(b, "idNumber", "110105194912310021")),
        ["applicant.idNumber too short"] = ("applicant.idNumber", 400, (_, b) => Applicant(b, "idNumber", "11010519491231")),
        ["applicant.idNumber too long"] = ("applicant.idNumber", 400, (_, b) => Applicant(b, "idNumber", new string('1', 33))),
        ["applicant.idNumber credit code checksum"] = ("applicant.idNumber", 400, (_, b) => Applicant(Applicant(b, "kind", "enterprise"), "idNumber", "91350100M000100Y44")),
        ["applicant.phone missing"] = ("applicant.phone", 400, (_, b) => Applicant(b, "phone", null)),
        ["applicant.phone invalid"] = ("applicant.phone", 400, (_, b) => Applicant(b, "phone", "12345")),
        ["applicant.phone wrong type"] = ("applicant.phone", 400, (_, b) => Applicant(b, "phone", 13800138000L)),
        ["form wrong type"] = ("form", 400, (_, b) => With(b, "form", "text")),
        ["materials wrong type"] = ("materials", 400, (_, b) => With(b, "materials", "id-card")),
        ["materials required one missing"] = ("materials", 400, (s, b) => With(b, "materials", Materials(("premises-proof", s.Premises)))),
        ["materials duplicate code"] = ("materials", 400, (s, b) => With(b, "materials", Materials(("id-card", s.IdCard), ("id-card", s.Premises)))),
        ["materials[0] wrong type"] = ("materials[0]", 400, (_, b) => With(b, "materials", new JsonArray("id-card"))),
        ["materials[0].code missing"] = ("materials[0].code", 400, (s, b) => With(b, "materials", new JsonArray(new JsonObject { ["uploadId"] = s.IdCard }))),
        ["materials[0].code too long"] = ("materials[0].code", 400, (s, b) => With(b, "materials", Materials((new string('c', 65), s.IdCard)))),
        ["materials[0].code unknown"] = ("materials[0].code", 400, (s, b) => With(b, "materials", Materials(("tax-return", s.IdCard), ("premises-proof", s.Premises)))),
        ["materials[0].uploadId missing"] = ("materials[0].uploadId", 400, (_, b) => With(b, "materials", new JsonArray(new JsonObject { ["code"] = "id-card" }))),
        ["materials[0].uploadId wrong type"] = ("materials[0].uploadId", 400, (_, b) => With(b, "materials", new JsonArray(new JsonObject { ["code"] = "id-card", ["uploadId"] = 5 }))),
        ["materials[0].uploadId unknown"] = ("materials[0].uploadId", 400, (s, b) => With(b, "materials", Materials(("id-card", "upload-000000000000000000000000"), ("premises-proof", s.Premises)))),
        ["materials[0].uploadId of another user"] = ("materials[0].uploadId", 400, (s, b) => With(b, "materials", Materials(("id-card", s.OthersUpload), ("premises-proof", s.Premises)))),
        ["materials[0].uploadId never written"] = ("materials[0].uploadId", 400, (s, b) => With(b, "materials", Materials(("id-card", s.NeverWritten), ("premises-proof", s.Premises)))),
        ["materials[0].uploadId wrong hash"] = ("materials[0].uploadId", 400, (s, b) => With(b, "materials", Materials(("id-card", s.WrongHash), ("premises-proof", s.Premises)))),
        ["materials[0].uploadId wrong size"] = ("materials[0].uploadId", 400, (s, b) => With(b, "materials", Materials(("id-card", s.WrongSize), ("premises-proof", s.Premises)))),
        ["delivery missing"] = ("delivery", 400, (_, b) => Without(b, "delivery")),
        ["delivery wrong type"] = ("delivery", 400, (_, b) => With(b, "delivery", "pickup")),
        ["delivery.method unknown"] = ("delivery.method", 400, (_, b) => With(b, "delivery", new JsonObject { ["method"] = "drone" })),
        ["delivery.method missing"] = ("delivery.method", 400, (_, b) => With(b, "delivery", new JsonObject())),
        ["delivery.address missing for courier"] = ("delivery.address", 400, (_, b) => With(b, "delivery", new JsonObject { ["method"] = "courier" })),
        ["delivery.address too long"] = ("delivery.address", 400, (_, b) => With(b, "delivery", new JsonObject { ["method"] = "courier", ["address"] = new string('路', 301) })),
        ["delivery.address wrong type"] = ("delivery.address", 400, (_, b) => With(b, "delivery", new JsonObject { ["method"] = "courier", ["address"] = 1 })),
        ["body not an object"] = ("body", 400, (_, _) => new JsonArray()),
    };

    [Theory]
    [MemberData(nameof(SubmissionCases))]
    public async Task Submission_bad_input_is_a_problem_naming_the_field_and_stores_nothing(string row)
    {
        var setup = await SetupAsync();
        var (field, status, change) = SubmissionRows[row];
        using var applicant = await fixture.ApplicantAsync(Subject);
        var key = Guid.NewGuid().ToString();
        var body = change(setup, Fx.Body(Fx.NewIdNumber(), Fx.NewPhone(), ("id-card", setup.IdCard), ("premises-proof", setup.Premises)));
        using var response = await Fx.SubmitAsync(applicant, key, body!);
        await AssertProblemAsync(response, status, field);
        await AssertNothingStoredAsync(Subject, key);
    }

    [Fact]
    public async Task Submission_header_and_json_errors_are_problems_and_store_nothing()
    {
        var setup = await SetupAsync();
        using var applicant = await fixture.ApplicantAsync(Subject);
        var body = Fx.Body(Fx.NewIdNumber(), Fx.NewPhone(), ("id-card", setup.IdCard), ("premises-proof", setup.Premises));
        using (var missing = await applicant.PostAsJsonAsync("api/applications", body)) await AssertProblemAsync(missing, 400, "Idempotency-Key");
        var longKey = new string('k', 101);
        using (var tooLong = await Fx.SubmitAsync(applicant, longKey, body)) await AssertProblemAsync(tooLong, 400, "Idempotency-Key");
        var key = Guid.NewGuid().ToString();
        using (var request = new HttpRequestMessage(HttpMethod.Post, "api/applications") { Content = new StringContent("{\"itemCode\": ", Encoding.UTF8, "application/json") })
        {
            request.Headers.Add("Idempotency-Key", key);
            using var malformed = await applicant.SendAsync(request);
            await AssertProblemAsync(malformed, 400, "body");
        }

        await AssertNothingStoredAsync(Subject, key);
        await AssertUploadsUnusedAsync(setup);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_conflict_that_changes_nothing()
    {
        var setup = await SetupAsync();
        using var other = await fixture.ApplicantAsync(OtherSubject);
        var id = ApplicationIds.DeriveId(OtherSubject, setup.UsedKey);
        var before = await fixture.RawDocumentAsync("applications", id);
        var changed = (JsonObject)setup.UsedBody.DeepClone();
        changed["applicant"]!["name"] = "另一个人";
        using var response = await Fx.SubmitAsync(other, setup.UsedKey, changed);
        await AssertProblemAsync(response, 409, "Idempotency-Key");
        Assert.Equal(before, await fixture.RawDocumentAsync("applications", id));
        Assert.Single((JsonArray)await Fx.GetJsonAsync(other, "api/applications"));
    }

    public static TheoryData<string> AcceptanceCases => new(AcceptanceRows.Keys);

    private static readonly Dictionary<string, (string Field, object Body)> AcceptanceRows = new()
    {
        ["decision missing"] = ("decision", new { }),
        ["decision unknown"] = ("decision", new { decision = "maybe" }),
        ["decision wrong type"] = ("decision", new { decision = 1 }),
        ["deferredMaterials missing"] = ("deferredMaterials", new { decision = "accept-deferred", supplyWorkingDays = 3 }),
        ["deferredMaterials wrong type"] = ("deferredMaterials", new { decision = "accept-deferred", deferredMaterials = "premises-proof", supplyWorkingDays = 3 }),
        ["deferredMaterials[0] wrong type"] = ("deferredMaterials[0]", new { decision = "accept-deferred", deferredMaterials = new[] { 1 }, supplyWorkingDays = 3 }),
        ["deferredMaterials[0] not of the case"] = ("deferredMaterials[0]", new { decision = "accept-deferred", deferredMaterials = new[] { "tax-return" }, supplyWorkingDays = 3 }),
        ["supplyWorkingDays missing"] = ("supplyWorkingDays", new { decision = "accept-deferred", deferredMaterials = new[] { "premises-proof" } }),
        ["supplyWorkingDays wrong type"] = ("supplyWorkingDays", new { decision = "accept-deferred", deferredMaterials = new[] { "premises-proof" }, supplyWorkingDays = "3" }),
        ["supplyWorkingDays zero"] = ("supplyWorkingDays", new { decision = "accept-deferred", deferredMaterials = new[] { "premises-proof" }, supplyWorkingDays = 0 }),
        ["supplyWorkingDays too many"] = ("supplyWorkingDays", new { decision = "accept-deferred", deferredMaterials = new[] { "premises-proof" }, supplyWorkingDays = 61 }),
        ["items missing"] = ("items", new { decision = "request-correction" }),
        ["items wrong type"] = ("items", new { decision = "request-correction", items = "fix it" }),
        ["items[0].message missing"] = ("items[0].message", new { decision = "request-correction", items = new[] { new { materialCode = "id-card" } } }),
        ["items[0].message too long"] = ("items[0].message", new { decision = "request-correction", items = new[] { new { message = new string('补', 501) } } }),
        ["items[0].materialCode wrong type"] = ("items[0].materialCode", new { decision = "request-correction", items = new object[] { new { materialCode = 5, message = "x" } } }),
        ["reason missing"] = ("reason", new { decision = "reject" }),
        ["reason wrong type"] = ("reason", new { decision = "reject", reason = 5 }),
        ["reason too long"] = ("reason", new { decision = "reject", reason = new string('因', 501) }),
    };

    [Theory]
    [MemberData(nameof(AcceptanceCases))]
    public async Task Acceptance_bad_input_is_a_problem_naming_the_field_and_changes_nothing(string row)
    {
        var (field, body) = AcceptanceRows[row];
        using var applicant = await fixture.ApplicantAsync(Subject + "-acceptance");
        using var clerk = await fixture.ClerkAsync();
        var (id, _) = await fixture.SubmitValidAsync(applicant, Fx.NewIdNumber(), Fx.NewPhone());
        var before = await fixture.RawDocumentAsync("applications", id);
        using var response = await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", body);
        await AssertProblemAsync(response, 400, field);
        Assert.Equal(before, await fixture.RawDocumentAsync("applications", id));

        // Nothing was claimed: a valid decision still goes through.
        using var valid = await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", new { decision = "reject", reason = "测试" });
        Assert.Equal(HttpStatusCode.Accepted, valid.StatusCode);
    }

    [Fact]
    public async Task Acceptance_of_an_unknown_application_is_not_found()
    {
        using var clerk = await fixture.ClerkAsync();
        using var response = await clerk.PostAsJsonAsync("api/applications/app-aaaaaaaaaaaaaaaaaaaa/acceptance", new { decision = "accept" });
        await AssertProblemAsync(response, 404, null);
    }

    public static TheoryData<string> CorrectionCases => new(CorrectionRows.Keys);

    private static readonly Dictionary<string, (string Field, int Status, Func<Setup, string, JsonObject> Body)> CorrectionRows = new()
    {
        ["correctionId missing"] = ("correctionId", 400, (s, _) => new JsonObject { ["materials"] = Materials(("premises-proof", s.Premises)) }),
        ["correctionId wrong type"] = ("correctionId", 400, (s, _) => new JsonObject { ["correctionId"] = 1, ["materials"] = Materials(("premises-proof", s.Premises)) }),
        ["correctionId too long"] = ("correctionId", 400, (s, _) => new JsonObject { ["correctionId"] = new string('c', 65), ["materials"] = Materials(("premises-proof", s.Premises)) }),
        ["correctionId unknown"] = ("correctionId", 400, (s, _) => new JsonObject { ["correctionId"] = "corr-unknown", ["materials"] = Materials(("premises-proof", s.Premises)) }),
        ["materials missing"] = ("materials", 400, (_, c) => new JsonObject { ["correctionId"] = c }),
        ["materials empty"] = ("materials", 400, (_, c) => new JsonObject { ["correctionId"] = c, ["materials"] = new JsonArray() }),
        ["materials wrong type"] = ("materials", 400, (_, c) => new JsonObject { ["correctionId"] = c, ["materials"] = "x" }),
        ["materials[0].code missing"] = ("materials[0].code", 400, (s, c) => new JsonObject { ["correctionId"] = c, ["materials"] = new JsonArray(new JsonObject { ["uploadId"] = s.Premises }) }),
        ["materials[0].code not of the case"] = ("materials[0].code", 400, (s, c) => new JsonObject { ["correctionId"] = c, ["materials"] = Materials(("tax-return", s.Premises)) }),
        ["materials[0].uploadId missing"] = ("materials[0].uploadId", 400, (_, c) => new JsonObject { ["correctionId"] = c, ["materials"] = new JsonArray(new JsonObject { ["code"] = "premises-proof" }) }),
        ["materials[0].uploadId of another user"] = ("materials[0].uploadId", 400, (s, c) => new JsonObject { ["correctionId"] = c, ["materials"] = Materials(("premises-proof", s.OthersUpload)) }),
        ["materials[0].uploadId never written"] = ("materials[0].uploadId", 400, (s, c) => new JsonObject { ["correctionId"] = c, ["materials"] = Materials(("premises-proof", s.NeverWritten)) }),
        ["materials[0].uploadId wrong hash"] = ("materials[0].uploadId", 400, (s, c) => new JsonObject { ["correctionId"] = c, ["materials"] = Materials(("premises-proof", s.WrongHash)) }),
        ["note wrong type"] = ("note", 400, (s, c) => new JsonObject { ["correctionId"] = c, ["materials"] = Materials(("premises-proof", s.Premises)), ["note"] = 1 }),
        ["note too long"] = ("note", 400, (s, c) => new JsonObject { ["correctionId"] = c, ["materials"] = Materials(("premises-proof", s.Premises)), ["note"] = new string('n', 1001) }),
    };

    [Theory]
    [MemberData(nameof(CorrectionCases))]
    public async Task Correction_bad_input_is_a_problem_naming_the_field_and_changes_nothing(string row)
    {
        var setup = await SetupAsync();
        var (id, correctionId) = await CaseAwaitingCorrectionAsync();
        var (field, status, body) = CorrectionRows[row];
        using var applicant = await fixture.ApplicantAsync(Subject);
        var before = await fixture.RawDocumentAsync("applications", id);
        using var response = await applicant.PostAsJsonAsync($"api/applications/{id}/corrections", body(setup, correctionId));
        await AssertProblemAsync(response, status, field);
        Assert.Equal(before, await fixture.RawDocumentAsync("applications", id));
        await AssertUploadsUnusedAsync(setup);
    }

    public static TheoryData<string> UploadCases => new(UploadRows.Keys);

    private static readonly Dictionary<string, (string Field, object Body)> UploadRows = new()
    {
        ["fileName missing"] = ("fileName", new { contentType = "application/pdf", size = 10, sha256 = new string('a', 64) }),
        ["fileName wrong type"] = ("fileName", new { fileName = 1, contentType = "application/pdf", size = 10, sha256 = new string('a', 64) }),
        ["fileName too long"] = ("fileName", new { fileName = new string('f', 201), contentType = "application/pdf", size = 10, sha256 = new string('a', 64) }),
        ["contentType missing"] = ("contentType", new { fileName = "a.pdf", size = 10, sha256 = new string('a', 64) }),
        ["contentType not allowed"] = ("contentType", new { fileName = "a.exe", contentType = "application/x-msdownload", size = 10, sha256 = new string('a', 64) }),
        ["size missing"] = ("size", new { fileName = "a.pdf", contentType = "application/pdf", sha256 = new string('a', 64) }),
        ["size wrong type"] = ("size", new { fileName = "a.pdf", contentType = "application/pdf", size = "10", sha256 = new string('a', 64) }),
        ["size zero"] = ("size", new { fileName = "a.pdf", contentType = "application/pdf", size = 0, sha256 = new string('a', 64) }),
        ["size over the limit"] = ("size", new { fileName = "a.pdf", contentType = "application/pdf", size = 20L * 1024 * 1024 + 1, sha256 = new string('a', 64) }),
        ["sha256 missing"] = ("sha256", new { fileName = "a.pdf", contentType = "application/pdf", size = 10 }),
        ["sha256 not hex"] = ("sha256", new { fileName = "a.pdf", contentType = "application/pdf", size = 10, sha256 = new string('z', 64) }),
        ["sha256 wrong length"] = ("sha256", new { fileName = "a.pdf", contentType = "application/pdf", size = 10, sha256 = "abcd" }),
        ["body not an object"] = ("body", new[] { 1 }),
    };

    [Theory]
    [MemberData(nameof(UploadCases))]
    public async Task Upload_bad_input_is_a_problem_naming_the_field(string row)
    {
        var (field, body) = UploadRows[row];
        using var applicant = await fixture.ApplicantAsync(Subject);
        var blobsBefore = await CountUploadBlobsAsync();
        using var response = await applicant.PostAsJsonAsync("api/uploads", body);
        await AssertProblemAsync(response, 400, field);
        Assert.Equal(blobsBefore, await CountUploadBlobsAsync());
    }

    private async Task<(string Id, string CorrectionId)> CaseAwaitingCorrectionAsync()
    {
        await fixture.SharedLock.WaitAsync();
        try
        {
            if (fixture.Shared.TryGetValue("correction-case", out var existing)) return ((string, string))existing;
            using var applicant = await fixture.ApplicantAsync(Subject);
            using var clerk = await fixture.ClerkAsync();
            var (id, _) = await fixture.SubmitValidAsync(applicant, Fx.NewIdNumber(), Fx.NewPhone());
            using var request = await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", new { decision = "request-correction", items = new[] { new { materialCode = "premises-proof", message = "请补正" } } });
            Assert.Equal(HttpStatusCode.Accepted, request.StatusCode);
            var waiting = await fixture.WaitForStatusAsync(applicant, id, "correction-required");
            var value = (id, (string)waiting["corrections"]![0]!["id"]!);
            fixture.Shared["correction-case"] = value;
            return value;
        }
        finally
        {
            fixture.SharedLock.Release();
        }
    }

    private async Task<int> CountUploadBlobsAsync()
    {
        var count = 0;
        await foreach (var _ in fixture.Blobs.GetBlobContainerClient("uploads").GetBlobsAsync()) count++;
        return count;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string? field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is null) return;
        var errors = JsonNode.Parse(text)!["errors"]?.AsObject();
        Assert.True(errors is not null && errors.ContainsKey(field), $"The problem does not name '{field}': {text}");
    }

    private async Task AssertNothingStoredAsync(string subject, string key)
    {
        var id = ApplicationIds.DeriveId(subject, key);
        Assert.Null(await fixture.RawDocumentAsync("applications", id));
        Assert.Null(await fixture.RawDocumentAsync("applications", "idem-" + id));
        var list = await fixture.RawDocumentAsync("applicant-lists", "applicant-" + ApplicantOwner.HashOf(subject));
        Assert.True(list is null || !list.Contains(id, StringComparison.Ordinal), $"The applicant's list has {id}.");
        var instances = fixture.Tables.GetTableClient(fixture.Platform.TaskHub + "Instances");
        NullableResponse<TableEntity> instance;
        try
        {
            instance = await instances.GetEntityIfExistsAsync<TableEntity>(id, "");
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return; // the table does not exist yet: no instance either
        }

        Assert.False(instance.HasValue, $"An orchestration instance {id} exists.");
    }

    private async Task AssertUploadsUnusedAsync(Setup setup)
    {
        foreach (var upload in new[] { setup.IdCard, setup.Premises, setup.OthersUpload, setup.WrongHash })
        {
            var doc = JsonNode.Parse((await fixture.RawDocumentAsync("uploads", upload))!)!["body"]!;
            Assert.True(doc["usedBy"] is null || doc["usedBy"]!.AsArray().Count == 0, $"{upload} was marked used.");
        }
    }

    private static JsonObject With(JsonObject body, string field, JsonNode? value)
    {
        body[field] = value;
        return body;
    }

    private static JsonObject Without(JsonObject body, string field)
    {
        body.Remove(field);
        return body;
    }

    private static JsonObject Applicant(JsonObject body, string field, JsonNode? value)
    {
        var applicant = body["applicant"]!.AsObject();
        if (value is null) applicant.Remove(field);
        else applicant[field] = value;
        return body;
    }

    private static JsonArray Materials(params (string Code, string UploadId)[] materials) =>
        new(materials.Select(m => (JsonNode)new JsonObject { ["code"] = m.Code, ["uploadId"] = m.UploadId }).ToArray());
}
