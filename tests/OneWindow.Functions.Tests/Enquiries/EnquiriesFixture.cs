using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneWindow.Functions.Tests.Applications;
using OneWindow.Functions.Tests.Delivery;
using Xunit;

namespace OneWindow.Functions.Tests.Enquiries;

/// <summary>
/// A platform for disclosure requests and mailbox letters, with the delivery fixture's quick courier retries (a paper
/// answer goes by courier). The office that accepts and routes both is the demo county's government office.
/// </summary>
public sealed class EnquiriesFixture : DeliveryPlatformFixture
{
    public const string Office = "government-office";

    public Task<HttpClient> ApplicantAsync(string subject) => ClientAsync(subject, "applicant");

    /// <summary>A person's applicant block with a fresh ID number and phone.</summary>
    public static JsonObject Person(string phone) => new()
    {
        ["kind"] = "person",
        ["name"] = "李四",
        ["idNumber"] = ApplicationsPlatformFixture.NewIdNumber(),
        ["phone"] = phone,
    };

    /// <summary>POSTs <paramref name="body"/> to <paramref name="path"/> with an Idempotency-Key.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient applicant, string path, string key, JsonNode body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await applicant.SendAsync(request);
    }

    /// <summary>Submits and expects 202; returns the answer.</summary>
    public static async Task<JsonNode> SubmitAcceptedAsync(HttpClient applicant, string path, JsonNode body)
    {
        using var response = await SubmitAsync(applicant, path, Guid.NewGuid().ToString("N"), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>Polls <paramref name="path"/> until <paramref name="until"/> holds (deadline, no blind sleep).</summary>
    public async Task<JsonNode> WaitForAsync(HttpClient client, string path, Func<JsonNode, bool> until, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await client.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode && until(JsonNode.Parse(text)!)) return JsonNode.Parse(text)!;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{path}: {what} did not happen ({(int)response.StatusCode}).\n{text}\n{Platform.Host?.Tail()}");
            await Task.Delay(200);
        }
    }

    /// <summary>The open task of <paramref name="kind"/> for the case in the department's worklist, once its document exists; returns its id.</summary>
    public async Task<string> OpenTaskAsync(HttpClient worker, string department, string caseId, string kind)
    {
        var list = await WaitForAsync(worker, $"api/departments/{department}/tasks?status=open",
            l => l.AsArray().Any(t => (string?)t!["applicationId"] == caseId && (string?)t["kind"] == kind), $"{kind} task of {caseId} in {department}'s worklist");
        var taskId = (string)list.AsArray().First(t => (string?)t!["applicationId"] == caseId && (string?)t["kind"] == kind)!["taskId"]!;
        await WaitForTaskAsync(worker, taskId, t => (string?)t["status"] == "in-review", "task document");
        return taskId;
    }

    /// <summary>Decides a task through the worklist route; returns the status and body.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> DecideAsync(HttpClient worker, string taskId, object decision)
    {
        using var response = await worker.PostAsJsonAsync($"api/tasks/{taskId}/decision", decision);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The caller's own list (<c>GET /api/applications</c>): the row of <paramref name="id"/>, or null.</summary>
    public static async Task<JsonNode?> ListRowAsync(HttpClient applicant, string id) =>
        (await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/applications")).AsArray().FirstOrDefault(r => (string?)r!["id"] == id);
}
