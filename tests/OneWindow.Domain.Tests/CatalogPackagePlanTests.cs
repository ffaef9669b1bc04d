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

    [Fact]
    public void An_item_plan_is_one_stage_with_the_selected_materials_and_its_promised_days()
    {
        var item = Items["food-business-licence"];
        var online = item.SelectMaterials(new Dictionary<string, string> { ["online"] = "是" }).Materials;
        var offline = item.SelectMaterials(new Dictionary<string, string> { ["online"] = "否" }).Materials;
        var plan = PackagePlan.ForItem(item, online);
        var stage = Assert.Single(plan.Stages);
        Assert.Equal(item.Department, stage.LeadDepartment);
        Assert.Equal(item.Deadline.WorkingDays, plan.ExpectedWorkingDays);
        Assert.Contains(plan.Materials, m => m.Code == "online-sales");
        Assert.DoesNotContain(PackagePlan.ForItem(item, offline).Materials, m => m.Code == "online-sales");
        Assert.All(plan.Materials, m => Assert.Equal(["food-business-licence"], m.Items));
    }

    [Fact]
    public void A_same_day_item_plans_zero_working_days()
    {
        var sameDay = Items.Values.First(i => i.Deadline.WorkingDays is null);
        Assert.Equal(0, PackagePlan.ForItem(sameDay, sameDay.Materials).ExpectedWorkingDays);
    }
}
