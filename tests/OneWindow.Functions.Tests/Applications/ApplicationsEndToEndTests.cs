using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using OneWindow.Domain.Applications;
using Xunit;

namespace OneWindow.Functions.Tests.Applications;

/// <summary>Applications over HTTP on the real host against the emulators: submission to the review stage.</summary>
[Collection(ApplicationsCollection.Name)]
public sealed class ApplicationsEndToEndTests(ApplicationsPlatformFixture fixture)
{
    private static string Subject() => "applicant-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task An_accepted_case_reaches_review_with_its_department_task_and_one_sms()
    {
        using var applicant = await fixture.ApplicantAsync(Subject());
        using var clerk = await fixture.ClerkAsync();
        var (idNumber, phone) = (ApplicationsPlatformFixture.NewIdNumber(), ApplicationsPlatformFixture.NewPhone());
        var (id, number) = await fixture.SubmitValidAsync(applicant, idNumber, phone);
        Assert.Matches(@"^341881-\d{8}-\d{4}$", number);

        var submitted = await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id);
        Assert.Equal("submitted", (string?)submitted["status"]);
        Assert.Equal("欧***", (string?)submitted["applicant"]!["name"]);
        Assert.DoesNotContain(idNumber, submitted.ToJsonString());

        using var decision = await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", new { decision = "accept" });
        Assert.Equal(HttpStatusCode.Accepted, decision.StatusCode);
        var review = await fixture.WaitForStatusAsync(applicant, id, "in-review");
        var task = review["stages"]![0]!["tasks"]![0]!;
        Assert.Equal("market-regulation", (string?)task["department"]);
        Assert.Equal("in-review", (string?)task["status"]);
        Assert.NotNull(task["dueAt"]);
        Assert.NotNull(review["dueAt"]);
        Assert.False((bool)review["deemedAccepted"]!);

        var list = (JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications");
        Assert.Equal("in-review", (string?)Assert.Single(list)!["status"]);

        // Public tracking: progress without personal data.
        var track = await ApplicationsPlatformFixture.GetJsonAsync(fixture.Platform.Client, "api/track/" + number);
        Assert.Equal("in-review", (string?)track["status"]);
        Assert.Equal("market-regulation", (string?)track["currentDepartments"]![0]);
        foreach (var secret in new[] { idNumber, phone, "欧阳测试" }) Assert.DoesNotContain(secret, track.ToJsonString(), StringComparison.Ordinal);

        var sms = await fixture.WaitForSmsAsync(phone, 1);
        Assert.Contains("已受理", (string?)sms[0]!["text"], StringComparison.Ordinal);
        await WaitForSentAsync($"sms-{id}-accepted");
        Assert.Single(await fixture.SmsToAsync(phone));

        // A second decision on a decided case is a conflict.
        using var again = await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", new { decision = "accept" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_corrected_case_reaches_review_and_its_personal_data_is_nowhere_but_sealed()
    {
        var subject = Subject();
        using var applicant = await fixture.ApplicantAsync(subject);
        using var clerk = await fixture.ClerkAsync();
        var (idNumber, phone) = (ApplicationsPlatformFixture.NewIdNumber(), ApplicationsPlatformFixture.NewPhone());
        var (id, number) = await fixture.SubmitValidAsync(applicant, idNumber, phone);

        using var request = await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", new
        {
            decision = "request-correction",
            items = new object[] { new { materialCode = "premises-proof", message = "租赁合同缺少出租方签字页" }, new { message = "经营范围填写不规范" } },
            supplyWorkingDays = 5,
        });
        Assert.Equal(HttpStatusCode.Accepted, request.StatusCode);
        var waiting = await fixture.WaitForStatusAsync(applicant, id, "correction-required");
        var correction = Assert.Single((JsonArray)waiting["corrections"]!)!;
        Assert.Equal(2, correction["items"]!.AsArray().Count);
        Assert.Equal("open", (string?)correction["status"]);
        Assert.NotNull(correction["dueAt"]);
        var correctionId = (string)correction["id"]!;
        var sms = await fixture.WaitForSmsAsync(phone, 1);
        Assert.Contains("补正", (string?)sms[0]!["text"], StringComparison.Ordinal);

        var upload = await ApplicationsPlatformFixture.UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes("premises-2"));
        using var answer = await applicant.PostAsJsonAsync($"api/applications/{id}/corrections", new
        {
            correctionId,
            materials = new[] { new { code = "premises-proof", uploadId = upload } },
            note = "已补充签字页，联系电话 " + phone,
        });
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        using var twice = await applicant.PostAsJsonAsync($"api/applications/{id}/corrections", new { correctionId, materials = new[] { new { code = "premises-proof", uploadId = upload } } });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        var resubmitted = await fixture.WaitForStatusAsync(applicant, id, "submitted");
        Assert.Equal(upload, (string?)resubmitted["materials"]!.AsArray().Single(m => (string?)m!["code"] == "premises-proof")!["uploadId"]);
        Assert.Equal("resolved", (string?)resubmitted["corrections"]![0]!["status"]);
        using var accept = await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", new { decision = "accept" });
        Assert.Equal(HttpStatusCode.Accepted, accept.StatusCode);
        await fixture.WaitForStatusAsync(applicant, id, "in-review");
        await fixture.WaitForSmsAsync(phone, 2);
        await WaitForSentAsync($"sms-{id}-accepted");

        // Personal data search: every table, queue and blob of the storage account, and every document of this case.
        var secrets = new[] { idNumber, phone, "欧阳测试" };
        var found = new List<string>();
        await foreach (var table in fixture.Tables.QueryAsync())
        {
            await foreach (var entity in fixture.Tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                var text = string.Join("|", entity.Select(p => $"{p.Key}={p.Value}"));
                found.AddRange(secrets.Where(s => text.Contains(s, StringComparison.Ordinal)).Select(s => $"table {table.Name} {entity.PartitionKey}/{entity.RowKey}"));
            }
        }

        var queueCount = 0;
        await foreach (var queue in fixture.Queues.GetQueuesAsync())
        {
            queueCount++;
            foreach (var message in (await fixture.Queues.GetQueueClient(queue.Name).PeekMessagesAsync(32)).Value)
            {
                var text = message.Body.ToString();
                found.AddRange(secrets.Where(s => text.Contains(s, StringComparison.Ordinal)).Select(s => $"queue {queue.Name}"));
            }
        }

        var blobCount = 0;
        await foreach (var container in fixture.Blobs.GetBlobContainersAsync())
        {
            var client = fixture.Blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                blobCount++;
                found.AddRange(secrets.Where(s => blob.Name.Contains(s, StringComparison.Ordinal)).Select(s => $"blob name {container.Name}/{blob.Name}"));
                var text = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
                found.AddRange(secrets.Where(s => text.Contains(s, StringComparison.Ordinal)).Select(s => $"blob {container.Name}/{blob.Name}"));
            }
        }

        var documents = new (string Container, string Id)[]
        {
            ("applications", id), ("applications", "idem-" + id), ("applications", "number-" + number),
            ("applicant-lists", "applicant-" + ApplicantOwner.HashOf(subject)),
            ("sms-dedupe", $"sms-{id}-accepted"), ("sms-dedupe", $"sms-{id}-{correctionId}"),
        };
        foreach (var (container, docId) in documents)
        {
            var text = await fixture.RawDocumentAsync(container, docId);
            Assert.True(text is not null, $"{container}/{docId} should exist");
            found.AddRange(secrets.Where(s => text.Contains(s, StringComparison.Ordinal)).Select(s => $"cosmos {container}/{docId}"));
        }

        found.AddRange(secrets.Where(s => fixture.Platform.Host!.Printed(s)).Select(_ => "host log"));
        Assert.True(found.Count == 0, "Personal data found in: " + string.Join(", ", found.Distinct()));

        // The search really looked: the runtime's tables and queues and the uploads exist, and the sealed block opens to the data.
        Assert.True(queueCount >= 3 && blobCount >= 3, $"{queueCount} queues, {blobCount} blobs");
        var stored = JsonNode.Parse((await fixture.RawDocumentAsync("applications", id))!)!["body"]!;
        var protector = PersonalDataProtector.FromBase64(OneWindow.Functions.Applications.ApplicationsRegistration.DevelopmentDataKey);
        var opened = protector.Open<ApplicantSecret>((string)stored["sealedApplicant"]!, id);
        Assert.Equal(idNumber, opened.Applicant.IdNumber);
        Assert.Equal(phone, opened.Applicant.Phone);
    }

    [Fact]
    public async Task A_package_case_by_an_enterprise_opens_its_first_stage_and_leaves_later_stages_waiting()
    {
        using var applicant = await fixture.ApplicantAsync(Subject());
        using var clerk = await fixture.ClerkAsync();
        var package = await ApplicationsPlatformFixture.GetJsonAsync(fixture.Platform.Client, "api/catalog/packages/start-enterprise");
        var itemCodes = package["stages"]!.AsArray().SelectMany(s => s!["items"]!.AsArray().Select(i => (string)i!)).ToArray();
        var materials = new JsonArray();
        var codes = new HashSet<string>();
        foreach (var item in itemCodes)
        {
            using var list = await fixture.Platform.Client.PostAsJsonAsync($"api/catalog/items/{item}/material-list", new { answers = new { } });
            foreach (var material in JsonNode.Parse(await list.Content.ReadAsStringAsync())!["materials"]!.AsArray())
            {
                var code = (string)material!["code"]!;
                if ((bool)material["required"]! && !(bool)(material["deferrable"] ?? false) && codes.Add(code))
                {
                    materials.Add(new JsonObject { ["code"] = code, ["uploadId"] = await ApplicationsPlatformFixture.UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes(code)) });
                }
            }
        }

        var body = new JsonObject
        {
            ["packageCode"] = "start-enterprise",
            ["applicant"] = new JsonObject { ["kind"] = "enterprise", ["name"] = "示范县测试科技有限公司", ["idNumber"] = "91350100M000100Y43", ["phone"] = ApplicationsPlatformFixture.NewPhone() },
            ["materials"] = materials,
            ["delivery"] = new JsonObject { ["method"] = "courier", ["address"] = "示范县人民路1号" },
        };
        using var submitted = await ApplicationsPlatformFixture.SubmitAsync(applicant, Guid.NewGuid().ToString(), body);
        var text = await submitted.Content.ReadAsStringAsync();
        Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, text);
        var id = (string)JsonNode.Parse(text)!["id"]!;
        Assert.Equal(HttpStatusCode.Accepted, (await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", new { decision = "accept" })).StatusCode);
        var review = await fixture.WaitForStatusAsync(applicant, id, "in-review");
        Assert.Equal("start-enterprise", (string?)review["packageCode"]);
        var stages = review["stages"]!.AsArray();
        Assert.Equal(package["stages"]!.AsArray().Count, stages.Count);
        Assert.Equal("in-review", (string?)stages[0]!["status"]);
        Assert.All(stages[0]!["tasks"]!.AsArray(), t => Assert.NotNull(t!["dueAt"]));
        Assert.All(stages.Skip(1), s => Assert.Equal("waiting", (string?)s!["status"]));
        Assert.All(stages.Skip(1).SelectMany(s => s!["tasks"]!.AsArray()), t => Assert.Equal("waiting", (string?)t!["status"]));
        Assert.True(review["legalDueAt"]!.GetValue<DateTimeOffset>() >= review["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.DoesNotContain("示范县人民路1号", review.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deferred_acceptance_records_the_missing_material_and_its_supply_deadline()
    {
        using var applicant = await fixture.ApplicantAsync(Subject());
        using var clerk = await fixture.ClerkAsync();
        var (id, _) = await fixture.SubmitValidAsync(applicant, ApplicationsPlatformFixture.NewIdNumber(), ApplicationsPlatformFixture.NewPhone(), withPremises: false);
        using var decision = await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", new { decision = "accept-deferred", deferredMaterials = new[] { "premises-proof" }, supplyWorkingDays = 3 });
        Assert.Equal(HttpStatusCode.Accepted, decision.StatusCode);
        var review = await fixture.WaitForStatusAsync(applicant, id, "in-review");
        Assert.Equal("premises-proof", (string?)review["deferredMaterials"]![0]);
        Assert.True(review["deferredSupplyDueAt"]!.GetValue<DateTimeOffset>() > review["acceptedAt"]!.GetValue<DateTimeOffset>().AddDays(2));
    }

    [Fact]
    public async Task A_rejected_case_ends_with_its_reason_and_one_sms()
    {
        using var applicant = await fixture.ApplicantAsync(Subject());
        using var clerk = await fixture.ClerkAsync();
        var phone = ApplicationsPlatformFixture.NewPhone();
        var (id, _) = await fixture.SubmitValidAsync(applicant, ApplicationsPlatformFixture.NewIdNumber(), phone);
        using var decision = await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", new { decision = "reject", reason = "申请事项不属于本机关职权范围" });
        Assert.Equal(HttpStatusCode.Accepted, decision.StatusCode);
        var rejected = await fixture.WaitForStatusAsync(applicant, id, "rejected");
        Assert.Equal("申请事项不属于本机关职权范围", (string?)rejected["rejectionReason"]);
        var sms = await fixture.WaitForSmsAsync(phone, 1);
        Assert.Contains("不予受理", (string?)sms[0]!["text"], StringComparison.Ordinal);
        await WaitForSentAsync($"sms-{id}-rejected");
        Assert.Single(await fixture.SmsToAsync(phone));
    }

    [Fact]
    public async Task Without_an_answer_within_the_window_the_case_counts_as_accepted_from_submission()
    {
        using var applicant = await fixture.ApplicantAsync(Subject());
        var phone = ApplicationsPlatformFixture.NewPhone();
        var (id, _) = await fixture.SubmitValidAsync(applicant, ApplicationsPlatformFixture.NewIdNumber(), phone);
        Assert.Equal("submitted", (string?)(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id))["status"]);
        var review = await fixture.WaitForStatusAsync(applicant, id, "in-review", ApplicationsPlatformFixture.AcceptanceWindow + TimeSpan.FromSeconds(45));
        Assert.True((bool)review["deemedAccepted"]!);
        Assert.Equal(review["submittedAt"]!.GetValue<DateTimeOffset>(), review["acceptedAt"]!.GetValue<DateTimeOffset>());
        await fixture.WaitForSmsAsync(phone, 1);

        // The clerk's late decision no longer applies.
        using var clerk = await fixture.ClerkAsync();
        using var late = await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", new { decision = "reject", reason = "迟到的决定" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task The_same_key_and_body_give_the_same_answer_and_another_body_is_a_conflict()
    {
        using var applicant = await fixture.ApplicantAsync(Subject());
        var upload = await ApplicationsPlatformFixture.UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes("id"));
        var premises = await ApplicationsPlatformFixture.UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes("premises"));
        var body = ApplicationsPlatformFixture.Body(ApplicationsPlatformFixture.NewIdNumber(), ApplicationsPlatformFixture.NewPhone(), ("id-card", upload), ("premises-proof", premises));
        var key = Guid.NewGuid().ToString();
        using var first = await ApplicationsPlatformFixture.SubmitAsync(applicant, key, body);
        using var second = await ApplicationsPlatformFixture.SubmitAsync(applicant, key, body.DeepClone());
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var (a, b) = (JsonNode.Parse(await first.Content.ReadAsStringAsync())!, JsonNode.Parse(await second.Content.ReadAsStringAsync())!);
        Assert.Equal(a.ToJsonString(), b.ToJsonString());

        var other = body.DeepClone();
        other["delivery"] = new JsonObject { ["method"] = "courier", ["address"] = "示范县人民路1号" };
        using var third = await ApplicationsPlatformFixture.SubmitAsync(applicant, key, other);
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);

        var list = (JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications");
        Assert.Equal((string?)a["id"], (string?)Assert.Single(list)!["id"]);

        // Reusing an upload of an earlier case (材料复用) needs no new upload.
        using var reuse = await ApplicationsPlatformFixture.SubmitAsync(applicant, Guid.NewGuid().ToString(), body.DeepClone());
        Assert.Equal(HttpStatusCode.Accepted, reuse.StatusCode);
        var reused = await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + (string)JsonNode.Parse(await reuse.Content.ReadAsStringAsync())!["id"]!);
        Assert.True(reused["materials"]!.AsArray().All(m => (bool)m!["reused"]!));
    }

    [Fact]
    public async Task A_repeat_after_a_crash_before_the_last_write_finishes_the_same_submission()
    {
        var subject = Subject();
        using var applicant = await fixture.ApplicantAsync(subject);
        var idCard = await ApplicationsPlatformFixture.UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes("id"));
        var premises = await ApplicationsPlatformFixture.UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes("premises"));
        var body = ApplicationsPlatformFixture.Body(ApplicationsPlatformFixture.NewIdNumber(), ApplicationsPlatformFixture.NewPhone(), ("id-card", idCard), ("premises-proof", premises));
        var key = Guid.NewGuid().ToString();
        using var first = await ApplicationsPlatformFixture.SubmitAsync(applicant, key, body);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var answer = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        var id = (string)answer["id"]!;

        // As if the host had died after starting the orchestration but before writing the idempotency record.
        var idem = "idem-" + id;
        Assert.NotNull(await fixture.RawDocumentAsync("applications", idem));
        await fixture.Cosmos.GetContainer(fixture.Platform.Database, "applications").DeleteItemStreamAsync(idem, new Microsoft.Azure.Cosmos.PartitionKey(idem));
        var instances = fixture.Tables.GetTableClient(fixture.Platform.TaskHub + "Instances");
        var createdAt = (await instances.GetEntityAsync<TableEntity>(id, "")).Value.GetDateTimeOffset("CreatedAt");

        using var repeat = await ApplicationsPlatformFixture.SubmitAsync(applicant, key, body.DeepClone());
        Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
        Assert.Equal(answer.ToJsonString(), JsonNode.Parse(await repeat.Content.ReadAsStringAsync())!.ToJsonString());
        Assert.NotNull(await fixture.RawDocumentAsync("applications", idem));
        Assert.Single((JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications"));
        Assert.Equal(createdAt, (await instances.GetEntityAsync<TableEntity>(id, "")).Value.GetDateTimeOffset("CreatedAt"));
    }

    [Fact]
    public async Task A_failing_sms_gateway_is_retried_through_the_queue_and_the_applicant_gets_exactly_one_sms()
    {
        using var applicant = await fixture.ApplicantAsync(Subject());
        using var clerk = await fixture.ClerkAsync();
        var phone = ApplicationsPlatformFixture.NewPhone();
        var (id, _) = await fixture.SubmitValidAsync(applicant, ApplicationsPlatformFixture.NewIdNumber(), phone);
        var dedupe = $"sms-{id}-accepted";
        using (var fault = await fixture.Platform.Sandbox.PostAsJsonAsync("sandbox/faults", new { target = "sms", errorRate = 1.0, latencyMs = 0 }))
        {
            Assert.True(fault.IsSuccessStatusCode);
        }

        try
        {
            using var decision = await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", new { decision = "accept" });
            Assert.Equal(HttpStatusCode.Accepted, decision.StatusCode);

            // Wait until the queue message failed and came back at least once.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                var doc = await fixture.RawDocumentAsync("sms-dedupe", dedupe);
                if (doc is not null && JsonNode.Parse(doc)!["body"]!["attempts"]!.GetValue<int>() >= 2) break;
                Assert.True(DateTime.UtcNow < deadline, "The SMS was not retried within 60 s.\n" + fixture.Platform.Host?.Tail());
                await Task.Delay(100);
            }

            Assert.Empty(await fixture.SmsToAsync(phone));
        }
        finally
        {
            (await fixture.Platform.Sandbox.DeleteAsync("sandbox/faults")).Dispose();
        }

        await fixture.WaitForSmsAsync(phone, 1);
        await WaitForSentAsync(dedupe);

        // A duplicate of the queue message (at-least-once delivery) finds the record sent and sends nothing.
        var queue = fixture.Queues.GetQueueClient(ApplicationQueues.SmsOutbox);
        await queue.SendMessageAsync(System.Text.Json.JsonSerializer.Serialize(new { applicationId = id, @event = "accepted" }));
        var drained = DateTime.UtcNow.AddSeconds(30);
        while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            Assert.True(DateTime.UtcNow < drained, "The duplicate SMS message was not consumed.");
            await Task.Delay(200);
        }

        var attempts = await AttemptsAsync(dedupe);
        var consumed = DateTime.UtcNow.AddSeconds(30);
        while (await AttemptsAsync(dedupe) == attempts && fixture.Platform.Host!.Printed($"SMS {dedupe} was already sent") is false)
        {
            Assert.True(DateTime.UtcNow < consumed, "The duplicate SMS message was not handled.");
            await Task.Delay(200);
        }

        Assert.Single(await fixture.SmsToAsync(phone));
        Assert.Equal(0, (await fixture.Queues.GetQueueClient(ApplicationQueues.SmsOutbox + "-poison").GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_retry_after_the_gateway_accepted_an_sms_unrecorded_records_it_and_sends_nothing_more()
    {
        using var applicant = await fixture.ApplicantAsync(Subject());
        using var clerk = await fixture.ClerkAsync();
        var phone = ApplicationsPlatformFixture.NewPhone();
        var (id, _) = await fixture.SubmitValidAsync(applicant, ApplicationsPlatformFixture.NewIdNumber(), phone);
        var dedupe = $"sms-{id}-accepted";

        // The state a host killed between the gateway's answer and the record leaves: the gateway holds the SMS under the
        // record's reference, the record says sending. Here the first attempt fails (gateway down) after the SMS is there.
        using (var sent = await fixture.Platform.Sandbox.PostAsJsonAsync("gateway/sms/send", new { to = phone, template = "application-accepted", text = "earlier attempt", reference = dedupe }))
        {
            Assert.True(sent.IsSuccessStatusCode);
        }

        using (var fault = await fixture.Platform.Sandbox.PostAsJsonAsync("sandbox/faults", new { target = "sms", errorRate = 1.0, latencyMs = 0 }))
        {
            Assert.True(fault.IsSuccessStatusCode);
        }

        try
        {
            // Every send is refused while the faults last, so a record marked sent now was found at the gateway, not sent.
            using var decision = await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", new { decision = "accept" });
            Assert.Equal(HttpStatusCode.Accepted, decision.StatusCode);
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (await fixture.RawDocumentAsync("sms-dedupe", dedupe) is not { } doc || (string?)JsonNode.Parse(doc)!["body"]!["status"] != SmsDelivery.Sent)
            {
                Assert.True(DateTime.UtcNow < deadline, "The SMS record was not marked sent within 90 s.\n" + fixture.Platform.Host?.Tail());
                await Task.Delay(200);
            }

            await fixture.Platform.Host!.WaitForOutputAsync($"SMS {dedupe} was accepted by the gateway on an earlier attempt", TimeSpan.FromSeconds(30));
            Assert.True(await AttemptsAsync(dedupe) >= 2);
        }
        finally
        {
            (await fixture.Platform.Sandbox.DeleteAsync("sandbox/faults")).Dispose();
        }

        var sms = Assert.Single(await fixture.SmsToAsync(phone));
        Assert.Equal("earlier attempt", (string?)sms!["text"]);
    }

    [Fact]
    public async Task Applicants_see_only_their_own_cases_clerks_all_and_reviewers_their_departments()
    {
        using var owner = await fixture.ApplicantAsync(Subject());
        using var stranger = await fixture.ApplicantAsync(Subject());
        using var clerk = await fixture.ClerkAsync();
        var (id, _) = await fixture.SubmitValidAsync(owner, ApplicationsPlatformFixture.NewIdNumber(), ApplicationsPlatformFixture.NewPhone());

        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Platform.Client.GetAsync("api/applications/" + id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("api/applications/" + id)).StatusCode);
        Assert.Empty((JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(stranger, "api/applications"));
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.PostAsJsonAsync($"api/applications/{id}/acceptance", new { decision = "accept" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsJsonAsync("api/applications", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("api/applications/" + id)).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", new { decision = "request-correction", items = new[] { new { message = "请补充" } } })).StatusCode);
        var waiting = await fixture.WaitForStatusAsync(owner, id, "correction-required");
        var correctionId = (string)waiting["corrections"]![0]!["id"]!;
        var strangerUpload = await ApplicationsPlatformFixture.UploadAsync(stranger, ApplicationsPlatformFixture.FileBytes("x"));
        using var strangerCorrection = await stranger.PostAsJsonAsync($"api/applications/{id}/corrections", new { correctionId, materials = new[] { new { code = "id-card", uploadId = strangerUpload } } });
        Assert.Equal(HttpStatusCode.NotFound, strangerCorrection.StatusCode);

        var ownUpload = await ApplicationsPlatformFixture.UploadAsync(owner, ApplicationsPlatformFixture.FileBytes("y"));
        Assert.Equal(HttpStatusCode.Accepted, (await owner.PostAsJsonAsync($"api/applications/{id}/corrections", new { correctionId, materials = new[] { new { code = "id-card", uploadId = ownUpload } } })).StatusCode);
        await fixture.WaitForStatusAsync(owner, id, "submitted");
        Assert.Equal(HttpStatusCode.Accepted, (await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", new { decision = "accept" })).StatusCode);
        await fixture.WaitForStatusAsync(owner, id, "in-review");

        using var reviewer = await fixture.ClientAsync("reviewer-mr", "reviewer", "market-regulation");
        using var otherReviewer = await fixture.ClientAsync("reviewer-health", "reviewer", "health");
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync("api/applications/" + id)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherReviewer.GetAsync("api/applications/" + id)).StatusCode);
    }

    private async Task<int> AttemptsAsync(string dedupeId) =>
        JsonNode.Parse((await fixture.RawDocumentAsync("sms-dedupe", dedupeId))!)!["body"]!["attempts"]!.GetValue<int>();

    private async Task WaitForSentAsync(string dedupeId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var doc = await fixture.RawDocumentAsync("sms-dedupe", dedupeId);
            if (doc is not null && (string?)JsonNode.Parse(doc)!["body"]!["status"] == SmsDelivery.Sent) return;
            Assert.True(DateTime.UtcNow < deadline, $"{dedupeId} was not marked sent within 30 s.");
            await Task.Delay(200);
        }
    }
}
