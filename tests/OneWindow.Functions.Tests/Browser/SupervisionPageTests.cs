using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using OneWindow.Functions.Tests.Applications;
using OneWindow.Functions.Tests.Review;
using Xunit;
using Xunit.Abstractions;

namespace OneWindow.Functions.Tests.Browser;

/// <summary>
/// The supervisor's page (<c>/supervision/</c>) in Debian's chromium on a real case whose first stage has one approved
/// task and one past its warning time, and whose second stage waits: the boxes, their colours and texts, the timeline,
/// the alert and the statistics; a screenshot is kept as a test artifact.
/// </summary>
[Collection(ReviewCollection.Name)]
public sealed class SupervisionPageTests(ReviewPlatformFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_case_view_draws_each_task_as_a_box_coloured_by_its_state()
    {
        var approvedItem = await fixture.CreateItemAsync(TimeSpan.FromHours(1), TimeSpan.FromHours(2), department: ReviewPlatformFixture.WorklistDepartment);
        var warnedItem = await fixture.CreateItemAsync(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(6), department: "taxation");
        var waitingItem = await fixture.CreateItemAsync(TimeSpan.FromHours(1), TimeSpan.FromHours(2), department: "civil-affairs");
        var package = "t-pkg-" + Guid.NewGuid().ToString("N")[..8];
        using (var admin = await fixture.ClientAsync("admin-1", "admin"))
        using (var put = await admin.PutAsJsonAsync("api/admin/packages/" + package, new
        {
            code = package,
            name = "测试套餐 " + package,
            sharedMaterials = new[] { "id-card", "premises-proof" },
            stages = new object[]
            {
                new { code = "first", name = "并联审查", leadDepartment = ReviewPlatformFixture.WorklistDepartment, items = new[] { approvedItem, warnedItem } },
                new { code = "second", name = "后续办理", leadDepartment = "civil-affairs", items = new[] { waitingItem }, after = new[] { "first" } },
            },
        }))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        var (id, number, _, applicant) = await fixture.AcceptedPackageCaseAsync(package);
        using var _a = applicant;
        var review = await fixture.WaitForCaseAsync(applicant, id, c => c["stages"]![0]!["tasks"]!.AsArray().Count == 2 && c["stages"]![0]!["tasks"]!.AsArray().All(t => t!["warningAt"] is not null), "first stage open");
        var approved = (string)ReviewPlatformFixture.TaskOf(review, ReviewPlatformFixture.WorklistDepartment)["id"]!;
        var warned = (string)ReviewPlatformFixture.TaskOf(review, "taxation")["id"]!;
        var waiting = (string)ReviewPlatformFixture.TaskOf(review, "civil-affairs")["id"]!;
        using (var reviewer = await fixture.ReviewerAsync(ReviewPlatformFixture.WorklistDepartment))
        {
            await fixture.WaitForTaskAsync(reviewer, approved, t => (string?)t["status"] == "in-review", "task in review");
            using var decide = await reviewer.PostAsJsonAsync($"api/tasks/{approved}/decision", new { decision = "approve", opinion = "消防检查合格" });
            Assert.Equal(HttpStatusCode.Accepted, decide.StatusCode);
        }

        await fixture.WaitForCaseAsync(applicant, id, c => (string?)ReviewPlatformFixture.TaskOf(c, ReviewPlatformFixture.WorklistDepartment)["status"] == "approved", "first task approved");
        using var supervisor = await fixture.SupervisorAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await fixture.AlertsAsync(supervisor, "warning")).Any(a => (string?)a!["taskId"] == warned))
        {
            Assert.True(DateTime.UtcNow < deadline, "the warning alert was not raised");
            await Task.Delay(200);
        }

        // The open case has a predicted completion (public tracking), shown in the case view.
        var track = await ApplicationsPlatformFixture.GetJsonAsync(fixture.Platform.Client, "api/track/" + number);
        Assert.True(track["predictedCompletionAt"] is not null, track.ToJsonString());

        var token = await fixture.Platform.TokenAsync("supervisor-page", "督查员", ["supervisor"], null);
        await using var session = await BrowserSession.LaunchAsync();
        var page = await session.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);

        var response = await page.GotoAsync(new Uri(fixture.Platform.HostUrl, "supervision/?case=" + id).ToString());
        Assert.Equal(200, response!.Status);
        Assert.Equal("一窗受理 · 督查监管", await page.TitleAsync());
        await page.FillAsync("#token", token);
        await page.ClickAsync("#sign-in-button");

        var approvedBox = page.Locator($".task[data-task='{approved}']");
        await approvedBox.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var warnedBox = page.Locator($".task[data-task='{warned}']");
        var waitingBox = page.Locator($".task[data-task='{waiting}']");

        Assert.Equal("approved", await approvedBox.GetAttributeAsync("data-state"));
        Assert.Equal("rgb(140, 233, 154)", await BackgroundAsync(approvedBox));
        Assert.Contains("县消防救援大队", await approvedBox.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("已同意", await approvedBox.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("决定：同意：消防检查合格", await approvedBox.InnerTextAsync(), StringComparison.Ordinal);

        Assert.Equal("warning", await warnedBox.GetAttributeAsync("data-state"));
        Assert.Equal("rgb(255, 224, 102)", await BackgroundAsync(warnedBox));
        Assert.Contains("预警", await warnedBox.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("国家税务总局县税务局", await warnedBox.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Matches(@"到期：\d{4}/\d{1,2}/\d{1,2}", await warnedBox.InnerTextAsync());

        Assert.Equal("waiting", await waitingBox.GetAttributeAsync("data-state"));
        Assert.Equal("rgb(222, 226, 230)", await BackgroundAsync(waitingBox));
        Assert.Contains("待办", await waitingBox.InnerTextAsync(), StringComparison.Ordinal);

        // Stages in order, the waiting task in the second; the timeline under the flow.
        Assert.Contains("第1阶段：并联审查", await page.Locator(".stage[data-stage='1'] h4").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator($".stage[data-stage='2'] .task[data-task='{waiting}']").CountAsync());
        Assert.Contains(number, await page.Locator("#case-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("预计办结", await page.Locator("#case-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("消防检查合格", await page.Locator("#timeline tr[data-step='decided']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#timeline tr[data-step='warning']").CountAsync() >= 1, "the warning is not in the timeline");

        var artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        var screenshot = Path.Combine(artifacts, "supervision-case-view.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine("screenshot: " + screenshot);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is empty");

        // The open alert, yellow; the statistics as a table and a bar chart.
        await page.ClickAsync("nav button[data-tab='alerts']");
        var alertRow = page.Locator($"#alerts tr.level-warning[data-task='{warned}']");
        await alertRow.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        Assert.Equal("rgb(255, 224, 102)", await BackgroundAsync(alertRow));
        await page.ClickAsync("nav button[data-tab='stats']");
        await page.Locator($"#stats tr[data-department='{ReviewPlatformFixture.WorklistDepartment}']").WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        Assert.True(await page.Locator($"#chart svg rect[data-department='{ReviewPlatformFixture.WorklistDepartment}'][data-measure='completed']").CountAsync() == 1, "no bar for the department");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "supervision-statistics.png"), FullPage = true });
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static Task<string> BackgroundAsync(ILocator locator) => locator.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
}
