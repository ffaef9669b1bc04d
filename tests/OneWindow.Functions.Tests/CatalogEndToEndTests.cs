using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OneWindow.Testing;
using Xunit;

namespace OneWindow.Functions.Tests;

/// <summary>One platform (emulators, sandbox, functions host) for the catalog end-to-end tests.</summary>
public sealed class CatalogPlatformFixture : IAsyncLifetime
{
    public PlatformInstance Platform { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Platform = await PlatformInstance.StartAsync(new PlatformOptions { StartSandbox = false });

        // The seed runs in a hosted service that may finish after the host reports healthy: wait for the last package.
        var expected = OneWindow.Domain.Catalog.DemoCounty.Create(new Uri("http://127.0.0.1:7072")).Packages.Count;
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            var packages = JsonDocument.Parse(await Platform.Client.GetStringAsync("api/catalog/packages"));
            if (packages.RootElement.GetArrayLength() >= expected) return;
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException("The demo county was not seeded within 60 s.");
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync() => await Platform.DisposeAsync();
}

/// <summary>The catalog and admin routes over HTTP on the real host, seeded with the demo county at start-up.</summary>
public sealed class CatalogEndToEndTests(CatalogPlatformFixture fixture) : IClassFixture<CatalogPlatformFixture>
{
    private PlatformInstance Platform => fixture.Platform;

    private async Task<HttpClient> AdminAsync() =>
        Platform.ClientWithToken(await Platform.TokenAsync("admin-1", "管理员", ["admin"]));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task The_seeded_catalog_can_be_browsed_without_a_token()
    {
        var items = await JsonAsync(await Platform.Client.GetAsync("api/catalog/items"));
        Assert.True(items.GetArrayLength() >= 25);
        var packages = await JsonAsync(await Platform.Client.GetAsync("api/catalog/packages"));
        Assert.True(packages.GetArrayLength() >= 5);
        var guide = await Platform.Client.GetAsync("api/catalog/items/food-business-licence?answers[online]=" + Uri.EscapeDataString("是"));
        Assert.Equal(HttpStatusCode.OK, guide.StatusCode);
        Assert.Contains("online-sales", (await JsonAsync(guide)).GetProperty("selectedMaterials").EnumerateArray().Select(m => m.GetProperty("code").GetString()));
        var itemPlan = await JsonAsync(await Platform.Client.GetAsync("api/catalog/items/food-business-licence/plan?answers[online]=" + Uri.EscapeDataString("是")));
        Assert.Equal(1, itemPlan.GetProperty("stages").GetArrayLength());
        Assert.Contains("online-sales", itemPlan.GetProperty("materials").EnumerateArray().Select(m => m.GetProperty("code").GetString()));
        Assert.True(itemPlan.GetProperty("expectedWorkingDays").GetInt32() > 0);
        Assert.Equal(HttpStatusCode.BadRequest, (await Platform.Client.GetAsync("api/catalog/items/food-business-licence/plan?answers[online]=maybe")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Platform.Client.GetAsync("api/catalog/items/no-such-item/plan")).StatusCode);
        var package = await Platform.Client.GetAsync("api/catalog/packages/investment-project");
        Assert.Equal(4, (await JsonAsync(package)).GetProperty("stages").GetArrayLength());
    }

    [Fact]
    public async Task Material_list_with_a_bad_option_is_a_validation_problem()
    {
        var response = await Platform.Client.PostAsJsonAsync("api/catalog/items/food-business-licence/material-list", new { answers = new Dictionary<string, string> { ["online"] = "maybe" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty("answers.online", out _));
    }

    [Fact]
    public async Task Admin_routes_need_the_admin_role()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Platform.Client.GetAsync("api/admin/items")).StatusCode);
        using var clerk = Platform.ClientWithToken(await Platform.TokenAsync("clerk-1", "窗口", ["clerk"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("api/admin/items")).StatusCode);
    }

    [Fact]
    public async Task Admin_item_writes_are_validated_and_versioned()
    {
        using var admin = await AdminAsync();
        var current = await JsonAsync(await admin.GetAsync("api/admin/items/water-abstraction-permit"));
        var version = current.GetProperty("version").GetInt32();
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(current.GetRawText())!;

        body["deadline"] = JsonSerializer.SerializeToElement(new { workingDays = 99 });
        var bad = await admin.PutAsJsonAsync("api/admin/items/water-abstraction-permit", body);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await JsonAsync(bad)).GetProperty("errors").TryGetProperty("deadline", out _));

        body["deadline"] = JsonSerializer.SerializeToElement(new { workingDays = 12 });
        var good = await admin.PutAsJsonAsync("api/admin/items/water-abstraction-permit", body);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(version + 1, (await JsonAsync(good)).GetProperty("version").GetInt32());

        var old = await JsonAsync(await admin.GetAsync($"api/admin/items/water-abstraction-permit?version={version}"));
        Assert.Equal(15, old.GetProperty("deadline").GetProperty("workingDays").GetInt32());
        var listed = (await JsonAsync(await Platform.Client.GetAsync("api/catalog/items"))).EnumerateArray().Single(i => i.GetProperty("code").GetString() == "water-abstraction-permit");
        Assert.Equal(12, listed.GetProperty("deadline").GetProperty("workingDays").GetInt32());
    }

    [Fact]
    public async Task Admin_calendar_year_loads_over_the_fallback()
    {
        using var admin = await AdminAsync();
        var before = await JsonAsync(await admin.GetAsync("api/admin/calendar/2028"));
        Assert.True(before.GetProperty("provisional").GetBoolean());
        var put = await admin.PutAsJsonAsync("api/admin/calendar/2028", new
        {
            holidays = new[] { new { name = "元旦", days = new[] { "2028-01-01", "2028-01-02", "2028-01-03" } } },
            adjustedWorkingDays = Array.Empty<string>(),
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var after = await JsonAsync(await admin.GetAsync("api/admin/calendar/2028"));
        Assert.False(after.GetProperty("provisional").GetBoolean());
    }
}
