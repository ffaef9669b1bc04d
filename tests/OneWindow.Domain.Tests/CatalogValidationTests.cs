using OneWindow.Domain.Calendar;
using OneWindow.Domain.Catalog;
using Xunit;

namespace OneWindow.Domain.Tests;

public class CatalogValidationTests
{
    private static readonly ServiceItem Item = new()
    {
        Code = "food-licence",
        Name = "食品经营许可",
        Department = "market-regulation",
        Kind = ServiceItemKinds.AdministrativeLicence,
        Deadline = DeadlinePeriod.OfWorkingDays(10),
        LegalDeadline = DeadlinePeriod.OfWorkingDays(20),
        Questions = [new SituationQuestion("q1", "是否网络经营？", ["yes", "no"])],
        Materials =
        [
            new Material { Code = "m1", Name = "申请书" },
            new Material { Code = "m2", Name = "网络经营说明", When = new Dictionary<string, IReadOnlyList<string>> { ["q1"] = ["yes"] } },
            new Material { Code = "m3", Name = "健康证明", Deferrable = true },
        ],
    };

    private static bool Known(string code) => code is "market-regulation" or "health";

    [Fact]
    public void A_valid_item_has_no_errors() => Assert.Empty(CatalogValidation.ValidateItem("food-licence", Item, Known));

    [Fact]
    public void Promised_deadline_over_legal_is_rejected_naming_the_field()
    {
        var errors = CatalogValidation.ValidateItem("food-licence", Item with { Deadline = DeadlinePeriod.OfWorkingDays(21) }, Known);
        Assert.Equal(["deadline"], errors.Keys);
    }

    [Fact]
    public void Unknown_department_kind_and_duplicate_materials_are_rejected()
    {
        var errors = CatalogValidation.ValidateItem("food-licence", Item with { Department = "nope", Kind = "x", Materials = [.. Item.Materials, Item.Materials[0]] }, Known);
        Assert.Contains("department", errors.Keys);
        Assert.Contains("kind", errors.Keys);
        Assert.Contains("materials", errors.Keys);
    }

    [Fact]
    public void Route_code_must_match()
    {
        Assert.Contains("code", CatalogValidation.ValidateItem("other", Item, Known).Keys);
    }

    [Fact]
    public void Material_list_follows_the_answers()
    {
        Assert.Equal(["m1", "m3"], Item.SelectMaterials(new Dictionary<string, string> { ["q1"] = "no" }).Materials.Select(m => m.Code));
        Assert.Equal(["m1", "m2", "m3"], Item.SelectMaterials(new Dictionary<string, string> { ["q1"] = "yes" }).Materials.Select(m => m.Code));
        Assert.Equal(["answers.q1"], Item.SelectMaterials(new Dictionary<string, string> { ["q1"] = "maybe" }).Errors.Keys);
        Assert.Equal(["answers.q9"], Item.SelectMaterials(new Dictionary<string, string> { ["q9"] = "yes" }).Errors.Keys);
    }

    private static ServicePackage Package(params PackageStage[] stages) => new() { Code = "p1", Name = "我要开餐馆", Stages = stages };

    private static PackageStage Stage(string code, string[] items, params string[] after) =>
        new() { Code = code, Name = code, LeadDepartment = "market-regulation", Items = items, After = after };

    private static ServiceItem? Items(string code) => code is "food-licence" ? Item : code is "hygiene" ? Item with { Code = "hygiene" } : null;

    [Fact]
    public void Valid_package_passes() =>
        Assert.Empty(CatalogValidation.ValidatePackage("p1", Package(Stage("s1", ["food-licence"]), Stage("s2", ["hygiene"], "s1")), Items, Known));

    [Fact]
    public void Empty_flow_is_rejected() =>
        Assert.Equal(["stages"], CatalogValidation.ValidatePackage("p1", Package(), Items, Known).Keys);

    [Fact]
    public void Cyclic_flow_is_rejected() =>
        Assert.Equal(["stages"], CatalogValidation.ValidatePackage("p1", Package(Stage("s1", ["food-licence"], "s2"), Stage("s2", ["hygiene"], "s1")), Items, Known).Keys);

    [Fact]
    public void Unknown_items_and_duplicate_stages_are_rejected()
    {
        var errors = CatalogValidation.ValidatePackage("p1", Package(Stage("s1", ["missing"]), Stage("s1", ["hygiene"])), Items, Known);
        Assert.Contains("stages[0].items", errors.Keys);
        Assert.Contains("stages", errors.Keys);
    }

    [Fact]
    public void Joint_handling_caps_the_package_legal_deadline()
    {
        var package = Package(Stage("s1", ["food-licence"])) with { LegalDeadline = DeadlinePeriod.OfWorkingDays(60) };
        Assert.Equal(["legalDeadline"], CatalogValidation.ValidatePackage("p1", package, Items, Known).Keys);
    }

    [Fact]
    public void Department_with_own_system_needs_callback_and_secret()
    {
        var department = new Department { Code = "health", Name = "县卫生健康局", ChiefRepresentative = "王芳", ChiefPhone = "0571-12345678", HasOwnSystem = true };
        var errors = CatalogValidation.ValidateDepartment("health", department);
        Assert.Contains("callbackUrl", errors.Keys);
        Assert.Contains("secretRef", errors.Keys);
    }

    [Fact]
    public void Demo_county_is_valid_and_large_enough()
    {
        var county = DemoCounty.Create(new Uri("http://127.0.0.1:7072"));
        Assert.True(county.Departments.Count >= 12);
        Assert.True(county.Items.Count >= 25);
        Assert.True(county.Packages.Count >= 5);
        var departments = county.Departments.Select(d => d.Code).ToHashSet();
        foreach (var d in county.Departments) Assert.Empty(CatalogValidation.ValidateDepartment(d.Code, d));
        foreach (var i in county.Items) Assert.True(CatalogValidation.ValidateItem(i.Code, i, departments.Contains).Count == 0, i.Code + ": " + string.Join("; ", CatalogValidation.ValidateItem(i.Code, i, departments.Contains).Select(e => e.Key + " " + string.Join(",", e.Value))));
        var items = county.Items.ToDictionary(i => i.Code);
        foreach (var p in county.Packages) Assert.True(CatalogValidation.ValidatePackage(p.Code, p, items.GetValueOrDefault, departments.Contains).Count == 0, p.Code);
        Assert.Contains(county.Items, i => i.Deadline.Duration is { } d && d <= TimeSpan.FromMinutes(10) && i.Kind != ServiceItemKinds.Convenience);
        Assert.Contains(county.Packages, p => p.Name.Contains("开餐馆") && p.Stages.Count == 1 && p.Stages[0].Items.Count == 3);
        Assert.Contains(county.Packages, p => p.Stages.Count == 4);
    }
}
