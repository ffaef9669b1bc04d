using Microsoft.Playwright;
using OneWindow.Testing;
using Xunit;

namespace OneWindow.Functions.Tests.Browser;

/// <summary>The browsable API reference (<c>/api/docs</c>) renders the OpenAPI document of the running host.</summary>
public sealed class ApiReferencePageTests
{
    [Fact]
    public async Task Reference_page_lists_the_operations_of_the_openapi_document()
    {
        await using var platform = await PlatformInstance.StartAsync(new PlatformOptions { StartSandbox = false });
        await using var session = await BrowserSession.LaunchAsync();
        var page = await session.Browser.NewPageAsync();
        var failedScripts = new List<string>();
        page.RequestFailed += (_, request) =>
        {
            if (request.Url.StartsWith(platform.HostUrl.ToString(), StringComparison.Ordinal))
            {
                failedScripts.Add(request.Url);
            }
        };

        var response = await page.GotoAsync(new Uri(platform.HostUrl, "api/docs").ToString());
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);

        // The catalog routes are public and always present: the page must have read the OpenAPI document to show
        // their group; opening it, as a reader would, shows the route.
        var group = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Open Group - Catalog", Exact = true });
        await group.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await group.ClickAsync();
        var operation = page.GetByText("/api/catalog/items/{code}/material-list", new PageGetByTextOptions { Exact = false }).First;
        await operation.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        Assert.Empty(failedScripts);
    }
}
