using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Catalog;
using OneWindow.Functions.Catalog;
using OneWindow.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Administration;

/// <summary>
/// Admin writes of departments, items and packages (API.md "Administration", role <c>admin</c>). A PUT
/// validates everything first (400 naming the field, nothing stored), then stores a new version — unless the content is
/// the current one's, which is answered as it is (a repeated PUT does not make a version).
/// </summary>
[Authorize(Roles = "admin")]
public sealed class AdminCatalogFunctions(ICatalogStore store, ILogger<AdminCatalogFunctions> logger)
{
    [Function("AdminDepartments")]
    public async Task<IResult> ListDepartmentsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/departments")] HttpRequest req, CancellationToken cancellationToken) =>
        CatalogHttp.Ok((await store.ListDepartmentsAsync(cancellationToken)).OrderBy(d => d.Code, StringComparer.Ordinal));

    [Function("AdminPutDepartment")]
    public async Task<IResult> PutDepartmentAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/admin/departments/{code}")] HttpRequest req, string code, CancellationToken cancellationToken)
    {
        var (department, problem) = await CatalogHttp.ReadBodyAsync<Department>(req, code, cancellationToken);
        if (problem is not null) return problem;
        var errors = CatalogValidation.ValidateDepartment(code, department!);
        if (errors.Count > 0) return CatalogHttp.Invalid(errors);
        if (await store.GetDepartmentAsync(code, cancellationToken) is { } current && CatalogEquality.SameDepartment(current, department!)) return CatalogHttp.Ok(current);
        var saved = await store.SaveDepartmentAsync(department!, cancellationToken);
        logger.LogInformation("Department {Code} saved at version {Version}", saved.Code, saved.Version);
        return CatalogHttp.Ok(saved);
    }

    [Function("AdminItems")]
    public async Task<IResult> ListItemsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/items")] HttpRequest req, CancellationToken cancellationToken) =>
        CatalogHttp.Ok((await store.ListItemsAsync(cancellationToken)).OrderBy(i => i.Code, StringComparer.Ordinal));

    [Function("AdminGetItem")]
    public async Task<IResult> GetItemAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/items/{code}")] HttpRequest req, string code, CancellationToken cancellationToken)
    {
        int? version = int.TryParse(req.Query["version"], out var v) ? v : null;
        var item = await store.GetItemAsync(code, version, cancellationToken);
        return item is null ? CatalogHttp.NotFound($"No item '{code}'{(version is null ? "" : $" at version {version}")}.") : CatalogHttp.Ok(item);
    }

    [Function("AdminPutItem")]
    public async Task<IResult> PutItemAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/admin/items/{code}")] HttpRequest req, string code, CancellationToken cancellationToken)
    {
        var (item, problem) = await CatalogHttp.ReadBodyAsync<ServiceItem>(req, code, cancellationToken);
        if (problem is not null) return problem;
        var departments = (await store.ListDepartmentsAsync(cancellationToken)).Select(d => d.Code).ToHashSet();
        var errors = CatalogValidation.ValidateItem(code, item!, departments.Contains);
        if (errors.Count > 0) return CatalogHttp.Invalid(errors);
        if (await store.GetItemAsync(code, null, cancellationToken) is { } current && CatalogEquality.SameItem(current, item!)) return CatalogHttp.Ok(current);
        var saved = await store.SaveItemAsync(item!, cancellationToken);
        logger.LogInformation("Item {Code} saved at version {Version}", saved.Code, saved.Version);
        return CatalogHttp.Ok(saved);
    }

    [Function("AdminPackages")]
    public async Task<IResult> ListPackagesAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/packages")] HttpRequest req, CancellationToken cancellationToken) =>
        CatalogHttp.Ok((await store.ListPackagesAsync(cancellationToken)).OrderBy(p => p.Code, StringComparer.Ordinal));

    [Function("AdminPutPackage")]
    public async Task<IResult> PutPackageAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/admin/packages/{code}")] HttpRequest req, string code, CancellationToken cancellationToken)
    {
        var (package, problem) = await CatalogHttp.ReadBodyAsync<ServicePackage>(req, code, cancellationToken);
        if (problem is not null) return problem;
        var departments = (await store.ListDepartmentsAsync(cancellationToken)).Select(d => d.Code).ToHashSet();
        var items = (await store.ListItemsAsync(cancellationToken)).ToDictionary(i => i.Code);
        var errors = CatalogValidation.ValidatePackage(code, package!, items.GetValueOrDefault, departments.Contains);
        if (errors.Count > 0) return CatalogHttp.Invalid(errors);
        if (await store.GetPackageAsync(code, null, cancellationToken) is { } current && CatalogEquality.SamePackage(current, package!)) return CatalogHttp.Ok(current);
        var saved = await store.SavePackageAsync(package!, cancellationToken);
        logger.LogInformation("Package {Code} saved at version {Version}", saved.Code, saved.Version);
        return CatalogHttp.Ok(saved);
    }
}
