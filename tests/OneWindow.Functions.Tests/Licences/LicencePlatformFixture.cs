using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using OneWindow.Functions.Tests.Applications;
using OneWindow.Functions.Tests.Review;
using OneWindow.Orchestrations.Delivery;
using Xunit;

namespace OneWindow.Functions.Tests.Licences;

/// <summary>
/// The review platform with the licence reminder timer every two seconds and one reminder 30 days ahead; helpers to
/// drive a case of a licensed test item to approved and to put the issuance message on its queue.
/// </summary>
public sealed class LicencePlatformFixture : ReviewPlatformFixture
{
    public const string Issuer = WebhookDepartment;

    protected override Dictionary<string, string?> HostEnvironment
    {
        get
        {
            var environment = base.HostEnvironment;
            environment["Licences__ReminderSchedule"] = "*/2 * * * * *";
            environment["Licences__ReminderDays"] = "30";
            return environment;
        }
    }

    /// <summary>A test item of the webhook department whose licence is valid for <paramref name="validityDays"/> days.</summary>
    public async Task<string> CreateLicensedItemAsync(int validityDays)
    {
        var code = await CreateItemAsync(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60));
        using var admin = await ClientAsync("admin-1", "admin");
        var item = (JsonObject)await ApplicationsPlatformFixture.GetJsonAsync(admin, "api/admin/items/" + code);
        item.Remove("version");
        item["licence"] = new JsonObject { ["title"] = "测试经营许可证", ["validityDays"] = validityDays };
        using var put = await admin.PutAsJsonAsync("api/admin/items/" + code, item);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        return code;
    }

    /// <summary>Submits, accepts and approves (through the department's system, with <paramref name="licence"/> fields) a case of <paramref name="item"/>.</summary>
    public async Task<(string Id, string Phone, HttpClient Applicant)> ApprovedCaseAsync(string item, object? licence = null)
    {
        var (id, _, phone, applicant) = await AcceptedItemCaseAsync(item);
        var review = await WaitForCaseAsync(applicant, id, c => TaskOf(c, WebhookDepartment)["warningAt"] is not null, "task open");
        var task = (string)TaskOf(review, WebhookDepartment)["id"]!;
        await WaitForDeliveryAsync(WebhookDepartment, task, "task.assigned");
        var decided = await SandboxDecisionAsync(WebhookDepartment, new { taskId = task, decision = "approve", opinion = "准予许可", licence });
        Assert.True(decided.Status == HttpStatusCode.Accepted, decided.Body);
        await WaitForStatusAsync(applicant, id, "approved");
        return (id, phone, applicant);
    }

    /// <summary>What the application orchestration sends when a case is approved (with the trace context our senders add).</summary>
    public async Task RequestIssuanceAsync(string applicationId)
    {
        var queue = new QueueClient(Platform.Stack.Azurite.ConnectionString, LicenceIssuance.QueueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(JsonSerializer.Serialize(new { applicationId, traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" }));
    }

    /// <summary>Polls the applicant's licences until <paramref name="until"/> holds.</summary>
    public async Task<JsonArray> WaitForLicencesAsync(HttpClient applicant, Func<JsonArray, bool> until, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var list = (JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/licences");
            if (until(list)) return list;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what} did not happen: {list.ToJsonString()}\n{Platform.Host?.Tail()}");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until the licence issuance queue holds no message (the ones sent were processed, or poisoned).</summary>
    public async Task WaitForIssuanceQueueEmptyAsync()
    {
        var queue = new QueueClient(Platform.Stack.Azurite.ConnectionString, LicenceIssuance.QueueName);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The licence issuance queue was not drained.\n" + Platform.Host?.Tail());
            await Task.Delay(200);
        }
    }
}
