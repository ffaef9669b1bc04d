using OneWindow.Domain.Catalog;
using Xunit;

namespace OneWindow.Domain.Tests;

public class CatalogPackagePlanTests
{
    private static readonly DemoCountyData County = DemoCounty.Create(new Uri("http://127.0.0.1:7072"));
    private static readonly Dictionary<string, ServiceItem> Items = County.Items.ToDictionary(i => i.Code);

    [Fact]
    public void Parallel_stage_takes_its_slowest_item_and_shared_materials_appear_once()
    {
        var plan = PackagePlan.For(County.Packages.Single(p => p.Code == "open-restaurant"), Items);
        Assert.Equal(5, plan.ExpectedWorkingDays); // food 5, hygiene 5, fire 5 in parallel
        var idCard = Assert.Single(plan.Materials, m => m.Code == "id-card");
        Assert.True(idCard.Shared);
        Assert.Equal(3, idCard.Items.Count);
    }

    [Fact]
    public void Sequential_stages_add_up()
    {
        var plan = PackagePlan.For(County.Packages.Single(p => p.Code == "investment-project"), Items);
        // stage 1: max(1, 10, 7) = 10; stage 2: max(10, 10) = 10; stage 3: max(3, 10) = 10; stage 4: max(10, 5, 5) = 10.
        Assert.Equal(40, plan.ExpectedWorkingDays);
        Assert.Equal([10, 10, 10, 10], plan.Stages.Select(s => s.ExpectedWorkingDays));
    }
}
