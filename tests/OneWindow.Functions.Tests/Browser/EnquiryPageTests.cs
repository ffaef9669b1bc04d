using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using OneWindow.Functions.Tests.Applications;
using OneWindow.Functions.Tests.Enquiries;
using Xunit;

namespace OneWindow.Functions.Tests.Browser;

/// <summary>
/// A mailbox complaint on the supervisor's page in Debian's chromium: the case kind in the summary, the office's intake and
/// the department's handling as done boxes with their decisions, and the reply in the timeline.
/// </summary>
[Collection(EnquiriesCollection.Name)]
public sealed class EnquiryPageTests(EnquiriesFixture fixture)
{
    [Fact]
    public async Task A_mailbox_letter_shows_its_intake_and_handling_and_the_reply_in_the_timeline()
    {
        using var writer = await fixture.ApplicantAsync("page-writer-" + Guid.NewGuid().ToString("N")[..8]);
        var letter = new JsonObject
        {
            ["type"] = "complaint",
            ["subject"] = "路灯不亮",
            ["content"] = "幸福路北段路灯连续一周不亮。",
            ["applicant"] = EnquiriesFixture.Person(ApplicationsPlatformFixture.NewPhone()),
        };
        var answer = await EnquiriesFixture.SubmitAcceptedAsync(writer, "api/mailbox", letter);
        var id = (string)answer["id"]!;
        using var office = await fixture.ReviewerAsync(EnquiriesFixture.Office);
        var intake = await fixture.OpenTaskAsync(office, EnquiriesFixture.Office, id, "intake");
        var (status, text) = await EnquiriesFixture.DecideAsync(office, intake, new { decision = "hand-over", opinion = "转县住建局", department = "housing-construction" });
        Assert.True(status == HttpStatusCode.Accepted, text);
        using var reviewer = await fixture.ReviewerAsync("housing-construction");
        var handling = await fixture.OpenTaskAsync(reviewer, "housing-construction", id, "handling");
        (status, text) = await EnquiriesFixture.DecideAsync(reviewer, handling, new { decision = "reply", opinion = "已安排维修，三日内恢复照明。" });
        Assert.True(status == HttpStatusCode.Accepted, text);
        await fixture.WaitForAsync(writer, "api/mailbox/" + id, l => (string?)l["status"] == "replied", "replied");

        var token = await fixture.Platform.TokenAsync("supervisor-page", "督查员", ["supervisor"], null);
        await using var session = await BrowserSession.LaunchAsync();
        var page = await session.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        Assert.Equal(200, (await page.GotoAsync(new Uri(fixture.Platform.HostUrl, "supervision/?case=" + id).ToString()))!.Status);
        await page.FillAsync("#token", token);
        await page.ClickAsync("#sign-in-button");

        var intakeBox = page.Locator($".task[data-task='{intake}']");
        await intakeBox.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var handlingBox = page.Locator($".task[data-task='{handling}']");
        Assert.Equal("done", await intakeBox.GetAttributeAsync("data-state"));
        Assert.Contains("受理分办", await intakeBox.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("决定：受理转办：转县住建局", await intakeBox.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("done", await handlingBox.GetAttributeAsync("data-state"));
        Assert.Equal("rgb(140, 233, 154)", await handlingBox.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        Assert.Contains("已办理", await handlingBox.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("县住房和城乡建设局", await handlingBox.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("政府信箱", await page.Locator("#case-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("已答复（待评价）", await page.Locator("#case-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("已安排维修", await page.Locator("#timeline tr[data-step='replied']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("答复来信", await page.Locator("#timeline tr[data-step='replied']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
