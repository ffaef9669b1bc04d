using Microsoft.Azure.Cosmos;
using OneWindow.Data.Calendar;
using OneWindow.Data.Catalog;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Catalog;
using OneWindow.Testing;
using Xunit;

namespace OneWindow.Domain.Tests;

/// <summary>The Cosmos catalog and calendar stores against the real Cosmos server (one database per test).</summary>
public class CatalogStoreIntegrationTests
{
    private static readonly DemoCountyData County = DemoCounty.Create(new Uri("http://127.0.0.1:7072"));

    private static async Task<Container> NewContainerAsync()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Cosmos.CreateClient();
        var database = (await client.CreateDatabaseIfNotExistsAsync(LocalStack.UniqueName("catalog"))).Database;
        return (await database.CreateContainerIfNotExistsAsync("catalog", CosmosCatalogStore.PartitionKeyPath)).Container;
    }

    [Fact]
    public async Task Seeding_is_idempotent_and_the_catalog_reads_back()
    {
        var store = new CosmosCatalogStore(await NewContainerAsync());
        var seeder = new CatalogSeeder(store);
        var first = await seeder.SeedAsync(County);
        Assert.Equal(County.Departments.Count + County.Items.Count + County.Packages.Count, first);
        Assert.Equal(0, await seeder.SeedAsync(County));

        var items = await store.ListItemsAsync();
        Assert.Equal(County.Items.Select(i => i.Code).Order(), items.Select(i => i.Code).Order());
        Assert.All(items, i => Assert.Equal(1, i.Version));
        Assert.Equal(County.Packages.Count, (await store.ListPackagesAsync()).Count);
        Assert.Equal(County.Departments.Count, (await store.ListDepartmentsAsync()).Count);

        var food = await store.GetItemAsync("food-business-licence");
        Assert.NotNull(food);
        Assert.True(CatalogEquality.SameItem(County.Items.Single(i => i.Code == "food-business-licence"), food));
        var fast = await store.GetItemAsync(DemoCounty.FastDemoItem);
        Assert.Equal(TimeSpan.FromMinutes(3), fast!.Deadline.Duration);
        var department = await store.GetDepartmentAsync("market-regulation");
        Assert.Equal("http://127.0.0.1:7072/departments/market-regulation/callback", department!.CallbackUrl);
        var package = await store.GetPackageAsync("investment-project");
        Assert.Equal(4, package!.Stages.Count);
        Assert.Null(await store.GetItemAsync("no-such-item"));
    }

    [Fact]
    public async Task A_change_makes_a_new_version_and_old_versions_stay_readable()
    {
        var store = new CosmosCatalogStore(await NewContainerAsync());
        var original = County.Items.Single(i => i.Code == "construction-permit");
        var v1 = await store.SaveItemAsync(original);
        var v2 = await store.SaveItemAsync(original with { Deadline = DeadlinePeriod.OfWorkingDays(2) });
        Assert.Equal(1, v1.Version);
        Assert.Equal(2, v2.Version);
        Assert.Equal(3, (await store.GetItemAsync("construction-permit", 1))!.Deadline.WorkingDays);
        Assert.Equal(2, (await store.GetItemAsync("construction-permit", 2))!.Deadline.WorkingDays);
        Assert.Equal(2, (await store.GetItemAsync("construction-permit"))!.Version);
        Assert.Null(await store.GetItemAsync("construction-permit", 3));
        var listed = Assert.Single(await store.ListItemsAsync());
        Assert.Equal(2, listed.Version);
    }

    [Fact]
    public async Task Concurrent_writes_of_one_code_get_distinct_versions()
    {
        var store = new CosmosCatalogStore(await NewContainerAsync());
        var item = County.Items.Single(i => i.Code == "residence-permit");
        var saved = await Task.WhenAll(Enumerable.Range(1, 4).Select(n => store.SaveItemAsync(item with { Visits = n })));
        Assert.Equal([1, 2, 3, 4], saved.Select(s => s.Version).Order());
        Assert.Equal(4, (await store.GetItemAsync("residence-permit"))!.Version);
    }

    [Fact]
    public async Task Calendar_store_loads_a_year_over_the_seed()
    {
        var store = new CosmosCalendarStore(await NewContainerAsync());
        var before = await store.GetCalendarAsync();
        Assert.Equal([2025, 2026], before.LoadedYears);
        Assert.NotNull(await store.GetArrangementAsync(2025));
        Assert.Null(await store.GetArrangementAsync(2027));

        var y2027 = new HolidayArrangement(2027, [new HolidayPeriod("元旦", [new DateOnly(2027, 1, 1)])], [new DateOnly(2027, 2, 20)]);
        await store.SaveArrangementAsync(y2027);
        var after = await store.GetCalendarAsync();
        Assert.Equal([2025, 2026, 2027], after.LoadedYears);
        Assert.True(after.IsWorkingDay(new DateOnly(2027, 2, 20)));
        var stored = await store.GetArrangementAsync(2027);
        Assert.Equal(y2027.AdjustedWorkingDays, stored!.AdjustedWorkingDays);
    }
}
