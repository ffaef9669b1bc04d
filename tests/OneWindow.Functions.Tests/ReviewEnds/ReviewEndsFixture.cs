using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml;
using OneWindow.Functions.Tests.Applications;
using OneWindow.Functions.Tests.Review;
using Xunit;

namespace OneWindow.Functions.Tests.ReviewEnds;

/// <summary>
/// A platform of its own for the open ends of the parallel review (issue 16): its tests move the development clock
/// (days, once weeks) and load the 2027 holiday arrangement, which no shared platform may see.
/// </summary>
public sealed class ReviewEndsFixture : ReviewPlatformFixture
{
    /// <summary>Creates a copy of the template item changed by <paramref name="change"/>; returns its code.</summary>
    public async Task<string> CreateItemAsync(Action<JsonObject> change, string department = WebhookDepartment)
    {
        ArgumentNullException.ThrowIfNull(change);
        using var admin = await ClientAsync("admin-ends", "admin");
        var body = (JsonObject)(await ApplicationsPlatformFixture.GetJsonAsync(admin, "api/admin/items/" + TemplateItem)).DeepClone();
        var code = "e-" + Guid.NewGuid().ToString("N")[..10];
        body["code"] = code;
        body["name"] = "测试事项 " + code;
        body["department"] = department;
        body.Remove("version");
        body.Remove("warning");
        change(body);
        using var put = await admin.PutAsJsonAsync("api/admin/items/" + code, body);
        Assert.True(put.IsSuccessStatusCode, $"PUT item answered {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync()}");
        return code;
    }

    /// <summary>Submits a case of <paramref name="itemCode"/> with the id card (and the premises proof unless left out); waits until it is at the window.</summary>
    public async Task<(string Id, string Number, string Phone, HttpClient Applicant)> SubmitAsync(string itemCode, bool withPremises = true)
    {
        var applicant = await ClientAsync("applicant-" + Guid.NewGuid().ToString("N")[..8], "applicant");
        var phone = ApplicationsPlatformFixture.NewPhone();
        var materials = new List<(string, string)> { ("id-card", await ApplicationsPlatformFixture.UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes("id-card"))) };
        if (withPremises) materials.Add(("premises-proof", await ApplicationsPlatformFixture.UploadAsync(applicant, ApplicationsPlatformFixture.FileBytes("premises"))));
        var body = ApplicationsPlatformFixture.Body(ApplicationsPlatformFixture.NewIdNumber(), phone, [.. materials]);
        body["itemCode"] = itemCode;
        using var response = await ApplicationsPlatformFixture.SubmitAsync(applicant, Guid.NewGuid().ToString(), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        var json = JsonNode.Parse(text)!;
        var id = (string)json["id"]!;
        await WaitForStatusAsync(applicant, id, "submitted");
        return (id, (string)json["number"]!, phone, applicant);
    }

    /// <summary>
    /// A case of <paramref name="itemCode"/> accepted by the clerk, with its task of <paramref name="department"/> open:
    /// (id, number, the task document as its department reads it, the applicant's client).
    /// </summary>
    public async Task<(string Id, string Number, JsonNode Task, HttpClient Applicant)> ReviewingAsync(string itemCode, string department = WebhookDepartment)
    {
        var (id, number, _, applicant) = await SubmitAsync(itemCode);
        await AcceptAsync(id, new { decision = "accept" });
        var review = await WaitForStatusAsync(applicant, id, "in-review");
        var taskId = (string)TaskOf(review, department)["id"]!;
        using var reviewer = await ReviewerAsync(department);
        return (id, number, await WaitForTaskAsync(reviewer, taskId, t => t["dueAt"] is not null, "task open"), applicant);
    }

    /// <summary>The clerk's acceptance decision; asserts 202.</summary>
    public async Task AcceptAsync(string id, object decision)
    {
        using var clerk = await ClientAsync("clerk-1", "clerk");
        using var response = await clerk.PostAsJsonAsync($"api/applications/{id}/acceptance", decision);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Business time now (the development clock).</summary>
    public async Task<DateTimeOffset> NowAsync() => (DateTimeOffset)(await ApplicationsPlatformFixture.GetJsonAsync(Platform.Client, "api/dev/clock"))["now"]!;

    /// <summary>Moves the development clock to <paramref name="target"/> (no-op when business time is already there).</summary>
    public async Task AdvanceToAsync(DateTimeOffset target)
    {
        var step = target - await NowAsync();
        if (step <= TimeSpan.Zero) return;
        using var admin = await ClientAsync("admin-clock", "admin");
        using var moved = await admin.PostAsJsonAsync("api/dev/clock", new { advance = XmlConvert.ToString(step) });
        Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
    }

    /// <summary>Polls a department's worklist (GET /api/departments/{d}/tasks) until <paramref name="until"/> holds; the activities write it after the task document.</summary>
    public async Task<List<JsonNode>> WaitForWorklistAsync(HttpClient client, string department, Func<List<JsonNode>, bool> until, string what)
    {
        ArgumentNullException.ThrowIfNull(until);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var rows = (await ApplicationsPlatformFixture.GetJsonAsync(client, $"api/departments/{department}/tasks")).AsArray().Select(e => e!).ToList();
            if (until(rows)) return rows;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{department}'s worklist: {what} did not happen.\n{new JsonArray(rows.Select(r => r.DeepClone()).ToArray()).ToJsonString()}");
            await Task.Delay(200);
        }
    }

    /// <summary>Polls the open alerts until one of <paramref name="level"/> names <paramref name="taskId"/>.</summary>
    public async Task<JsonNode> WaitForAlertAsync(string taskId, string level, TimeSpan? timeout = null)
    {
        using var supervisor = await SupervisorAsync();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var alerts = await AlertsAsync(supervisor);
            var match = alerts.FirstOrDefault(a => (string?)a!["taskId"] == taskId && (string?)a["level"] == level);
            if (match is not null) return match;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No {level} alert for {taskId}: {alerts.ToJsonString()}\n{Platform.Host?.Tail()}");
            await Task.Delay(300);
        }
    }
}
