using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using OneWindow.Domain.Applications;
using OneWindow.Functions.Tests.Applications;
using OneWindow.Functions.Tests.Review;
using Xunit;

namespace OneWindow.Functions.Tests.Delivery;

/// <summary>
/// After approval, end to end through HTTP on the real host with the sandbox playing the bank and the courier: fee,
/// licences (issuance played by the fixture), courier dispatch and tracking or pickup, <c>delivered</c>; and the faults.
/// </summary>
[Collection(DeliveryCollection.Name)]
public sealed class DeliveryEndToEndTests(DeliveryPlatformFixture fixture)
{
    private const string BankSecret = "demo-secret-bank";
    private const string CourierSecret = "demo-secret-courier";

    private static JsonNode Delivery(JsonNode view) => view["delivery"]!;

    [Fact]
    public async Task A_courier_case_pays_its_fee_gets_its_licences_is_dispatched_and_delivered_when_signed_for()
    {
        var item = await fixture.CreateFeeItemAsync(80m);
        var (id, number, phone, applicant) = await fixture.AcceptedCaseAsync(item, "courier");
        using var _ = applicant;

        // The fee is fixed at acceptance, with its payment notice.
        var accepted = await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id);
        var fee = Delivery(accepted)["fee"]!;
        Assert.Equal(80m, (decimal)fee["amount"]!);
        Assert.Equal("CNY", (string?)fee["currency"]);
        Assert.Equal("due", (string?)fee["status"]);
        var notice = (string)fee["paymentNotice"]!;
        Assert.Matches("^[0-9]{20}$", notice);
        Assert.Equal("courier", (string?)Delivery(accepted)["method"]);
        Assert.Equal("pending", (string?)Delivery(accepted)["status"]);

        // A wrong amount is a 409 and changes nothing; forged, stale and replayed callbacks are 401s and change nothing.
        using (var wrong = await fixture.Platform.Sandbox.PostAsJsonAsync("sandbox/payments", new { paymentNotice = notice, amount = 8m }))
            Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);
        var payment = ReviewPlatformFixture.Json(new { paymentNotice = notice, amount = 80m, paidAt = DateTimeOffset.UtcNow, transactionId = "TX-FORGED-1" });
        using (var forged = await fixture.SignedPostAsync("api/webhooks/payments", payment, "not-the-bank-secret"))
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        using (var stale = await fixture.SignedPostAsync("api/webhooks/payments", payment, BankSecret, timestamp: DateTimeOffset.UtcNow.AddMinutes(-10)))
            Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        using (var unknown = await fixture.SignedPostAsync("api/webhooks/payments", ReviewPlatformFixture.Json(new { paymentNotice = "34188120000101999999", amount = 80m, paidAt = DateTimeOffset.UtcNow, transactionId = "TX-X" }), BankSecret))
            Assert.True(unknown.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"unknown notice answered {(int)unknown.StatusCode}");
        Assert.Equal("due", (string?)Delivery(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id))["fee"]!["status"]);
        using (var unsignedQuery = await fixture.Platform.Client.GetAsync("api/payment-notices/" + notice))
            Assert.Equal(HttpStatusCode.Unauthorized, unsignedQuery.StatusCode);

        // Approved: the case waits for the payment and the applicant is told what to pay.
        await fixture.ApproveAsync(applicant, id);
        await fixture.WaitForCaseAsync(applicant, id, c => (string?)Delivery(c)["status"] == "awaiting-payment", "awaiting payment");
        await fixture.WaitForSmsAsync(phone, number, "80.00", notice);

        // The bank pays (the sandbox looks the amount up and signs the callback); a replay of that callback is refused.
        var deliveryId = Guid.NewGuid().ToString("N");
        var paid = ReviewPlatformFixture.Json(new { paymentNotice = notice, amount = 80m, paidAt = DateTimeOffset.UtcNow, transactionId = "TX-" + deliveryId[..10] });
        using (var pay = await fixture.SignedPostAsync("api/webhooks/payments", paid, BankSecret, deliveryId))
            Assert.Equal(HttpStatusCode.Accepted, pay.StatusCode);
        using (var replay = await fixture.SignedPostAsync("api/webhooks/payments", paid, BankSecret, deliveryId))
            Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        using (var again = await fixture.Platform.Sandbox.PostAsJsonAsync("sandbox/payments", new { paymentNotice = notice }))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode); // another transaction for a paid notice
        var afterPayment = await fixture.WaitForCaseAsync(applicant, id, c => (string?)Delivery(c)["fee"]!["status"] == "paid", "fee paid");
        Assert.NotNull(Delivery(afterPayment)["fee"]!["paidAt"]);

        // Licences issued (played by the fixture) → the shipment at the courier, the waybill on the case, an SMS.
        var licence = await fixture.WaitForLicencesAsync(applicant, id);
        var dispatched = await fixture.WaitForCaseAsync(applicant, id, c => (string?)Delivery(c)["status"] == "dispatched", "dispatched");
        var waybill = (string)Delivery(dispatched)["waybill"]!;
        var shipment = Assert.Single(await fixture.ShipmentsAsync(number));
        Assert.Equal(waybill, (string?)shipment["waybill"]);
        Assert.Equal(DeliveryPlatformFixture.Address, (string?)shipment["address"]);
        Assert.Equal(phone, (string?)shipment["phone"]);
        Assert.Contains(licence, shipment["documents"]!.AsArray().Select(d => (string?)d));
        await fixture.WaitForSmsAsync(phone, number, waybill);

        // Tracking: forged and unknown-waybill callbacks, then collected, a replay of a signed one, and signed.
        var collected = ReviewPlatformFixture.Json(new { waybill, status = "collected", at = DateTimeOffset.UtcNow });
        using (var forged = await fixture.SignedPostAsync("api/webhooks/courier", collected, "not-the-courier-secret"))
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        using (var unknown = await fixture.SignedPostAsync("api/webhooks/courier", ReviewPlatformFixture.Json(new { waybill = "SF0000000000000", status = "collected", at = DateTimeOffset.UtcNow }), CourierSecret))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var trackingId = Guid.NewGuid().ToString("N");
        using (var first = await fixture.SignedPostAsync("api/webhooks/courier", collected, CourierSecret, trackingId))
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        using (var replay = await fixture.SignedPostAsync("api/webhooks/courier", collected, CourierSecret, trackingId))
            Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        var signedFor = ReviewPlatformFixture.Json(new { waybill, status = "signed", at = DateTimeOffset.UtcNow });
        var signedAt = DateTimeOffset.UtcNow;
        using (var forgedSigned = await fixture.SignedPostAsync("api/webhooks/courier", signedFor, CourierSecret, signature: "sha256=" + new string('0', 64)))
            Assert.Equal(HttpStatusCode.Unauthorized, forgedSigned.StatusCode);
        Assert.Equal("approved", (string?)(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id))["status"]);
        using (var inTransit = await fixture.Platform.Sandbox.PostAsJsonAsync($"sandbox/shipments/{waybill}/events", new { status = "in-transit" }))
            Assert.Equal(HttpStatusCode.Accepted, inTransit.StatusCode);
        using (var signed = await fixture.Platform.Sandbox.PostAsJsonAsync($"sandbox/shipments/{waybill}/events", new { status = "signed" }))
            Assert.Equal(HttpStatusCode.Accepted, signed.StatusCode);

        var delivered = await fixture.WaitForStatusAsync(applicant, id, "delivered");
        Assert.Equal("delivered", (string?)Delivery(delivered)["status"]);
        Assert.Equal(["collected", "in-transit", "signed"], Delivery(delivered)["tracking"]!.AsArray().Select(t => (string)t!["status"]!));
        Assert.True((DateTimeOffset)Delivery(delivered)["deliveredAt"]! >= signedAt.AddSeconds(-5));
        Assert.Equal("signed", (string?)Assert.Single(await fixture.ShipmentsAsync(number))["status"]);
        await fixture.WaitForSmsAsync(phone, number, "已送达");
        Assert.Equal(1, await fixture.CountSmsAsync(phone, number, waybill));

        // The gateway's delivery receipt reached the message's record.
        var record = await ReadSmsRecordAsync($"sms-{id}-accepted", r => r["receiptStatus"] is not null);
        Assert.Equal("delivered", (string?)record["receiptStatus"]);
    }

    [Fact]
    public async Task Bad_fee_rules_are_refused_by_the_admin_item_put_and_nothing_is_stored()
    {
        var code = await fixture.CreateItemAsync(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60));
        using var admin = await fixture.ClientAsync("admin-1", "admin");
        var item = (JsonObject)await ApplicationsPlatformFixture.GetJsonAsync(admin, "api/admin/items/" + code);
        var version = (int)item["version"]!;
        item.Remove("version");
        item["fees"] = new JsonArray(new JsonObject { ["name"] = "工本费", ["amount"] = 10, ["formula"] = new JsonObject { ["field"] = "area", ["perUnit"] = 1 }, ["basis"] = "" });
        using var put = await admin.PutAsJsonAsync("api/admin/items/" + code, item);
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var errors = (await ApplicationsPlatformFixture.GetJsonAsync(admin, "api/admin/items/" + code))["fees"]!.AsArray();
        Assert.Empty(errors);
        var problem = JsonNode.Parse(await put.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Contains("fees[0]", problem.Select(p => p.Key));
        Assert.Contains("fees[0].basis", problem.Select(p => p.Key));
        Assert.Equal(version, (int)(await ApplicationsPlatformFixture.GetJsonAsync(admin, "api/admin/items/" + code))["version"]!);
    }

    [Fact]
    public async Task The_restaurant_package_approved_end_to_end_is_shipped_and_delivered_when_signed_for()
    {
        var (id, number, phone, applicant) = await fixture.AcceptedPackageCaseAsync("open-restaurant", new JsonObject { ["method"] = "courier", ["address"] = DeliveryPlatformFixture.Address });
        using var _ = applicant;
        await fixture.ApproveEveryTaskAsync(applicant, id);
        Assert.Null(Delivery(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id))["fee"]); // the demo restaurant items are free
        var licence = await fixture.WaitForLicencesAsync(applicant, id);
        var dispatched = await fixture.WaitForCaseAsync(applicant, id, c => (string?)Delivery(c)["status"] == "dispatched", "dispatched");
        var waybill = (string)Delivery(dispatched)["waybill"]!;
        var shipment = Assert.Single(await fixture.ShipmentsAsync(number));
        Assert.Contains(licence, shipment["documents"]!.AsArray().Select(d => (string?)d));
        using (var signed = await fixture.Platform.Sandbox.PostAsJsonAsync($"sandbox/shipments/{waybill}/events", new { status = "signed" }))
            Assert.Equal(HttpStatusCode.Accepted, signed.StatusCode);
        await fixture.WaitForStatusAsync(applicant, id, "delivered");
        await fixture.WaitForSmsAsync(phone, number, waybill);
        await fixture.WaitForSmsAsync(phone, number, "已送达");
        var tracked = (JsonNode)await ApplicationsPlatformFixture.GetJsonAsync(fixture.Platform.Client, "api/track/" + number);
        Assert.Equal("delivered", (string?)tracked["status"]);
    }

    [Fact]
    public async Task A_rejected_case_owes_nothing_its_notice_is_refused_and_the_case_does_not_move()
    {
        var item = await fixture.CreateFeeItemAsync(35.5m);
        var (id, _, _, applicant) = await fixture.AcceptedCaseAsync(item, "pickup");
        using var _ = applicant;
        var view = await fixture.WaitForCaseAsync(applicant, id, c => c["stages"]![0]!["tasks"]![0]!["warningAt"] is not null, "task open");
        var task = view["stages"]![0]!["tasks"]![0]!;
        using var reviewer = await fixture.ReviewerAsync((string)task["department"]!);
        await fixture.WaitForTaskAsync(reviewer, (string)task["id"]!, t => t["status"] is not null, "task document");
        using (var reject = await reviewer.PostAsJsonAsync($"api/tasks/{(string)task["id"]!}/decision", new { decision = "reject", opinion = "不符合条件" }))
            Assert.Equal(HttpStatusCode.Accepted, reject.StatusCode);
        await fixture.WaitForStatusAsync(applicant, id, "rejected");

        var notice = (string)Delivery(view)["fee"]!["paymentNotice"]!;
        using (var pay = await fixture.Platform.Sandbox.PostAsJsonAsync("sandbox/payments", new { paymentNotice = notice }))
            Assert.Equal(HttpStatusCode.Conflict, pay.StatusCode);
        var after = await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id);
        Assert.Equal(("rejected", "due"), ((string?)after["status"], (string?)Delivery(after)["fee"]!["status"]));
    }

    [Fact]
    public async Task A_pickup_case_is_delivered_when_the_clerk_confirms_the_code_the_applicant_received()
    {
        var item = await fixture.CreateItemAsync(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60));
        var (id, number, phone, applicant) = await fixture.AcceptedCaseAsync(item, "pickup");
        using var _ = applicant;
        Assert.Null(Delivery(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id))["fee"]);
        await fixture.ApproveAsync(applicant, id);
        await fixture.WaitForLicencesAsync(applicant, id);

        var ready = await fixture.WaitForCaseAsync(applicant, id, c => (string?)Delivery(c)["status"] == "ready-for-pickup", "ready for pickup");
        var code = (string)Delivery(ready)["pickupCode"]!;
        Assert.Matches("^[0-9]{6}$", code);
        await fixture.WaitForSmsAsync(phone, number, code);
        using var clerk = await fixture.ClientAsync("clerk-1", "clerk");
        Assert.Null(Delivery(await ApplicationsPlatformFixture.GetJsonAsync(clerk, "api/applications/" + id))["pickupCode"]);

        var wrongCode = code == "000000" ? "000001" : "000000";
        using (var wrong = await clerk.PostAsJsonAsync($"api/applications/{id}/pickup", new { pickupCode = wrongCode }))
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        using (var bad = await clerk.PostAsJsonAsync($"api/applications/{id}/pickup", new { pickupCode = "abc" }))
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using (var notClerk = await applicant.PostAsJsonAsync($"api/applications/{id}/pickup", new { pickupCode = code }))
            Assert.Equal(HttpStatusCode.Forbidden, notClerk.StatusCode);
        Assert.Equal("approved", (string?)(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id))["status"]);
        using (var right = await clerk.PostAsJsonAsync($"api/applications/{id}/pickup", new { pickupCode = code }))
            Assert.Equal(HttpStatusCode.Accepted, right.StatusCode);

        var delivered = await fixture.WaitForStatusAsync(applicant, id, "delivered");
        Assert.Equal("delivered", (string?)Delivery(delivered)["status"]);
        using (var twice = await clerk.PostAsJsonAsync($"api/applications/{id}/pickup", new { pickupCode = code }))
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        await fixture.WaitForSmsAsync(phone, number, "已送达");
        var list = (JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications");
        Assert.Equal("delivered", (string?)list.Single(e => (string?)e!["id"] == id)!["status"]);
    }

    [Fact]
    public async Task The_sms_gateway_at_half_errors_and_two_seconds_latency_still_sends_every_message_exactly_once()
    {
        var item = await fixture.CreateItemAsync(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60));
        await fixture.FaultAsync("sms", 0.5, 2000);
        try
        {
            var cases = new List<(string Id, string Number, string Phone, HttpClient Applicant)>();
            for (var i = 0; i < 4; i++) cases.Add(await fixture.AcceptedCaseAsync(item, "pickup"));
            foreach (var c in cases) await fixture.ApproveAsync(c.Applicant, c.Id);
            foreach (var c in cases)
            {
                await fixture.WaitForLicencesAsync(c.Applicant, c.Id);
                await fixture.WaitForCaseAsync(c.Applicant, c.Id, v => (string?)Delivery(v)["status"] == "ready-for-pickup", "ready for pickup");
            }

            // accepted, approved (review), ready for pickup: each arrives, then the queues are empty and nothing was poisoned.
            foreach (var c in cases)
            {
                await fixture.WaitForSmsAsync(c.Phone, c.Number, "已受理");
                await fixture.WaitForSmsAsync(c.Phone, c.Number, "已审批通过");
                await fixture.WaitForSmsAsync(c.Phone, c.Number, "取件码");
            }

            await WaitForEmptyAsync(ApplicationQueues.SmsOutbox);
            await WaitForEmptyAsync(OneWindow.Domain.Review.ReviewQueues.ReviewSms);
            foreach (var c in cases)
            {
                Assert.Equal(1, await fixture.CountSmsAsync(c.Phone, c.Number, "已受理"));
                Assert.Equal(1, await fixture.CountSmsAsync(c.Phone, c.Number, "已审批通过"));
                Assert.Equal(1, await fixture.CountSmsAsync(c.Phone, c.Number, "取件码"));
                c.Applicant.Dispose();
            }

            Assert.Equal(0, await CountAsync(ApplicationQueues.SmsOutbox + "-poison", cases.Select(c => c.Id)));
        }
        finally
        {
            await fixture.ClearFaultsAsync();
        }
    }

    [Fact]
    public async Task The_courier_down_for_a_minute_delays_the_dispatch_and_loses_nothing()
    {
        var item = await fixture.CreateItemAsync(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60));
        var (id, number, phone, applicant) = await fixture.AcceptedCaseAsync(item, "courier");
        using var _ = applicant;
        await fixture.ApproveAsync(applicant, id);
        await fixture.FaultAsync("courier", 1.0);
        var down = DateTime.UtcNow;
        try
        {
            await fixture.WaitForLicencesAsync(applicant, id);

            // The courier is down for a minute (the fault's duration, not a hope): nothing is shipped, the case waits.
            await Task.Delay(TimeSpan.FromMinutes(1) - (DateTime.UtcNow - down));
            Assert.Empty(await fixture.ShipmentsAsync(number));
            Assert.Equal("pending", (string?)Delivery(await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications/" + id))["status"]);
        }
        finally
        {
            await fixture.ClearFaultsAsync();
        }

        var dispatched = await fixture.WaitForCaseAsync(applicant, id, c => (string?)Delivery(c)["status"] == "dispatched", "dispatched after the courier came back", TimeSpan.FromSeconds(90));
        var shipment = Assert.Single(await fixture.ShipmentsAsync(number));
        Assert.Equal((string?)Delivery(dispatched)["waybill"], (string?)shipment["waybill"]);
        await fixture.WaitForSmsAsync(phone, number, (string)shipment["waybill"]!);
        using var supervisor = await fixture.SupervisorAsync();
        Assert.DoesNotContain(await fixture.AlertsAsync(supervisor, "dispatch-failed"), a => (string?)a!["applicationId"] == id);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_lands_in_its_poison_queue_and_raises_an_alert()
    {
        var item = await fixture.CreateItemAsync(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60));
        await fixture.FaultAsync("sms", 1.0);
        try
        {
            var (id, number, phone, applicant) = await fixture.AcceptedCaseAsync(item, "pickup");
            using var _ = applicant;
            using var supervisor = await fixture.SupervisorAsync();
            var deadline = DateTime.UtcNow.AddSeconds(90);
            JsonNode? alert = null;
            while (alert is null)
            {
                alert = (await fixture.AlertsAsync(supervisor, "sms-failed")).FirstOrDefault(a => (string?)a!["applicationId"] == id);
                if (alert is null && DateTime.UtcNow > deadline) throw new TimeoutException($"No sms-failed alert for {id}.\n{fixture.Platform.Host?.Tail()}");
                await Task.Delay(300);
            }

            // The alert came from the poison queue's trigger; every queue try was made (host.json maxDequeueCount 5) and the
            // message's record says it failed; nothing was sent.
            Assert.Equal(number, (string?)alert["number"]);
            Assert.True(fixture.Platform.Host!.Printed("moved to sms-outbox-poison"), "no message was moved to sms-outbox-poison");
            var record = await ReadSmsRecordAsync($"sms-{id}-accepted", r => (string?)r["status"] == "failed");
            Assert.Equal(5, (int)record["attempts"]!);
            Assert.Equal(0, await fixture.CountSmsAsync(phone, number));
        }
        finally
        {
            await fixture.ClearFaultsAsync();
        }
    }

    private QueueClient Queue(string name) => new(fixture.Platform.Stack.Azurite.ConnectionString, name);

    private async Task<int> CountAsync(string queue, IEnumerable<string> applicationIds)
    {
        var ids = applicationIds.ToList();
        var messages = (await Queue(queue).PeekMessagesAsync(32)).Value;
        return messages.Count(m => ids.Any(id => m.MessageText.Contains(id, StringComparison.Ordinal)));
    }

    private async Task WaitForEmptyAsync(string queue)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await Queue(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{queue} did not empty.\n{fixture.Platform.Host?.Tail()}");
            await Task.Delay(300);
        }
    }

    private async Task<JsonNode> ReadSmsRecordAsync(string id, Func<JsonNode, bool> until)
    {
        var container = fixture.Platform.Stack.Cosmos.CreateClient().GetContainer(fixture.Platform.Database, "sms-dedupe");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await container.ReadItemStreamAsync(id, new Microsoft.Azure.Cosmos.PartitionKey(id),
                new Microsoft.Azure.Cosmos.ItemRequestOptions { AddRequestHeaders = h => h.Add("x-ms-documentdb-query-enablecrosspartition", "true") });
            if (response.IsSuccessStatusCode)
            {
                var document = JsonNode.Parse(response.Content)!;
                var body = document["body"] ?? document;
                if (until(body)) return body;
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"SMS record {id} never matched.");
            await Task.Delay(300);
        }
    }
}
