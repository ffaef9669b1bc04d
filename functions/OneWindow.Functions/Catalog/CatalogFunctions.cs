using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using OneWindow.Domain.Catalog;
using OneWindow.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Catalog;

/// <summary>
/// The public catalog (API.md "Catalog"). Every read is a point read of one document. Situation answers go
/// in the query as <c>answers[questionCode]=option</c> on the guide, or as a JSON body on material-list.
/// </summary>
[AllowAnonymous]
public sealed class CatalogFunctions(ICatalogStore store)
{
    [Function("CatalogItems")]
    public async Task<IResult> ListItemsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/catalog/items")] HttpRequest req, CancellationToken cancellationToken)
    {
        var items = await store.ListItemsAsync(cancellationToken);
        return CatalogHttp.Ok(items.OrderBy(i => i.Code, StringComparer.Ordinal).Select(CatalogViews.Summary));
    }

    [Function("CatalogItem")]
    public async Task<IResult> GetItemAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/catalog/items/{code}")] HttpRequest req, string code, CancellationToken cancellationToken)
    {
        var item = await store.GetItemAsync(code, null, cancellationToken);
        if (item is null) return CatalogHttp.NotFound($"No item '{code}'.");
        var (selected, invalid) = SelectFromQuery(item, req);
        if (invalid is not null) return invalid;
        var department = await store.GetDepartmentAsync(item.Department, cancellationToken);
        return CatalogHttp.Ok(CatalogViews.Guide(item, department, selected));
    }

    [Function("CatalogMaterialList")]
    public async Task<IResult> MaterialListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/catalog/items/{code}/material-list")] HttpRequest req, string code, CancellationToken cancellationToken)
    {
        var item = await store.GetItemAsync(code, null, cancellationToken);
        if (item is null) return CatalogHttp.NotFound($"No item '{code}'.");
        var (body, problem) = await CatalogHttp.ReadBodyAsync<MaterialListRequest>(req, null, cancellationToken);
        if (problem is not null) return problem;
        var answers = new Dictionary<string, string>();
        foreach (var (question, value) in body!.Answers ?? [])
        {
            if (value.ValueKind != JsonValueKind.String) return CatalogHttp.Invalid(new Dictionary<string, string[]> { [$"answers.{question}"] = ["The answer must be one of the question's options (a string)."] });
            answers[question] = value.GetString()!;
        }

        var selection = item.SelectMaterials(answers);
        if (!selection.IsValid) return CatalogHttp.Invalid(selection.Errors);
        return CatalogHttp.Ok(new { itemCode = item.Code, version = item.Version, materials = selection.Materials.Select(CatalogViews.Material) });
    }

    [Function("CatalogPackages")]
    public async Task<IResult> ListPackagesAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/catalog/packages")] HttpRequest req, CancellationToken cancellationToken)
    {
        var packages = await store.ListPackagesAsync(cancellationToken);
        return CatalogHttp.Ok(packages.OrderBy(p => p.Code, StringComparer.Ordinal).Select(CatalogViews.Package));
    }

    [Function("CatalogPackage")]
    public async Task<IResult> GetPackageAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/catalog/packages/{code}")] HttpRequest req, string code, CancellationToken cancellationToken)
    {
        var package = await store.GetPackageAsync(code, null, cancellationToken);
        return package is null ? CatalogHttp.NotFound($"No package '{code}'.") : CatalogHttp.Ok(CatalogViews.Package(package));
    }

    /// <summary>The pre-notice of one item (预先告知): its materials (as selected by <c>answers[q]=option</c>) and working days.</summary>
    [Function("CatalogItemPlan")]
    public async Task<IResult> GetItemPlanAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/catalog/items/{code}/plan")] HttpRequest req, string code, CancellationToken cancellationToken)
    {
        var item = await store.GetItemAsync(code, null, cancellationToken);
        if (item is null) return CatalogHttp.NotFound($"No item '{code}'.");
        var (selected, invalid) = SelectFromQuery(item, req);
        if (invalid is not null) return invalid;
        var plan = PackagePlan.ForItem(item, selected ?? item.Materials);
        return CatalogHttp.Ok(new { plan.Code, plan.Name, plan.Version, plan.Stages, plan.Materials, plan.ExpectedWorkingDays, item.LegalDeadline });
    }

    /// <summary>The materials selected by <c>answers[questionCode]=option</c> in the query; null when there are none.</summary>
    private static (IReadOnlyList<Material>? Selected, IResult? Invalid) SelectFromQuery(ServiceItem item, HttpRequest req)
    {
        var answers = req.Query
            .Where(q => q.Key.StartsWith("answers[", StringComparison.Ordinal) && q.Key.EndsWith(']'))
            .ToDictionary(q => q.Key["answers[".Length..^1], q => q.Value.ToString());
        if (answers.Count == 0) return (null, null);
        var selection = item.SelectMaterials(answers);
        return selection.IsValid ? (selection.Materials, null) : (null, CatalogHttp.Invalid(selection.Errors));
    }

    /// <summary>The pre-notice of a package: every material once and the expected working days.</summary>
    [Function("CatalogPackagePlan")]
    public async Task<IResult> GetPackagePlanAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/catalog/packages/{code}/plan")] HttpRequest req, string code, CancellationToken cancellationToken)
    {
        var package = await store.GetPackageAsync(code, null, cancellationToken);
        if (package is null) return CatalogHttp.NotFound($"No package '{code}'.");
        var items = (await store.ListItemsAsync(cancellationToken)).ToDictionary(i => i.Code);
        var plan = PackagePlan.For(package, items);
        return CatalogHttp.Ok(new { plan.Code, plan.Name, plan.Version, plan.Stages, plan.Materials, plan.ExpectedWorkingDays, package.LegalDeadline });
    }
}
