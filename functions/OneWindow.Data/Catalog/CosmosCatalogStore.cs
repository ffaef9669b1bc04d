using Microsoft.Azure.Cosmos;
using OneWindow.Domain.Catalog;

namespace OneWindow.Data.Catalog;

/// <summary>
/// The catalog in Cosmos DB (container partitioned by <c>/pk</c>). Each item or package version is an
/// immutable document <c>item:{code}:v{n}</c>; <c>item:{code}</c> holds a copy of the current version; the
/// list screens read one index document each (<c>index:items</c>, <c>index:packages</c>, <c>index:departments</c>)
/// kept up to date by the admin writes. Everything is a point read.
/// </summary>
public sealed class CosmosCatalogStore(Container container) : ICatalogStore
{
    /// <summary>The partition key path the container must have.</summary>
    public const string PartitionKeyPath = "/pk";

    private const string ItemIndex = "index:items";
    private const string PackageIndex = "index:packages";
    private const string DepartmentIndex = "index:departments";

    private readonly CosmosDocuments documents = new(container);

    public async Task<ServiceItem?> GetItemAsync(string code, int? version = null, CancellationToken cancellationToken = default) =>
        (await documents.ReadAsync<ServiceItem>(version is { } v ? $"item:{code}:v{v}" : $"item:{code}", $"item:{code}", cancellationToken)).Value;

    public async Task<ServicePackage?> GetPackageAsync(string code, int? version = null, CancellationToken cancellationToken = default) =>
        (await documents.ReadAsync<ServicePackage>(version is { } v ? $"package:{code}:v{v}" : $"package:{code}", $"package:{code}", cancellationToken)).Value;

    public async Task<Department?> GetDepartmentAsync(string code, CancellationToken cancellationToken = default) =>
        (await documents.ReadAsync<Department>($"department:{code}", $"department:{code}", cancellationToken)).Value;

    public async Task<IReadOnlyList<ServiceItem>> ListItemsAsync(CancellationToken cancellationToken = default) =>
        (await documents.ReadAsync<List<ServiceItem>>(ItemIndex, ItemIndex, cancellationToken)).Value ?? [];

    public async Task<IReadOnlyList<ServicePackage>> ListPackagesAsync(CancellationToken cancellationToken = default) =>
        (await documents.ReadAsync<List<ServicePackage>>(PackageIndex, PackageIndex, cancellationToken)).Value ?? [];

    public async Task<IReadOnlyList<Department>> ListDepartmentsAsync(CancellationToken cancellationToken = default) =>
        (await documents.ReadAsync<List<Department>>(DepartmentIndex, DepartmentIndex, cancellationToken)).Value ?? [];

    public async Task<ServiceItem> SaveItemAsync(ServiceItem item, CancellationToken cancellationToken = default)
    {
        var saved = await SaveVersionAsync("item", item.Code, v => item with { Version = v }, cancellationToken);
        await documents.UpdateAsync<List<ServiceItem>>(ItemIndex, ItemIndex, list => Replace(list, saved, i => i.Code == saved.Code), cancellationToken);
        return saved;
    }

    public async Task<ServicePackage> SavePackageAsync(ServicePackage package, CancellationToken cancellationToken = default)
    {
        var saved = await SaveVersionAsync("package", package.Code, v => package with { Version = v }, cancellationToken);
        await documents.UpdateAsync<List<ServicePackage>>(PackageIndex, PackageIndex, list => Replace(list, saved, p => p.Code == saved.Code), cancellationToken);
        return saved;
    }

    public async Task<Department> SaveDepartmentAsync(Department department, CancellationToken cancellationToken = default)
    {
        // Departments are not versioned per case (a case uses the department's current contacts), so only the current document and the index.
        Department? saved = null;
        var id = $"department:{department.Code}";
        await documents.UpdateAsync<Department>(id, id, current => saved = department with { Version = (current?.Version ?? 0) + 1 }, cancellationToken);
        await documents.UpdateAsync<List<Department>>(DepartmentIndex, DepartmentIndex, list => Replace(list, saved!, d => d.Code == saved!.Code), cancellationToken);
        return saved!;
    }

    /// <summary>
    /// Writes the next immutable version, then moves the current copy to it. Creating the version document
    /// first makes two concurrent writers of the same code pick different numbers (409 on the loser, who retries).
    /// </summary>
    private async Task<T> SaveVersionAsync<T>(string kind, string code, Func<int, T> atVersion, CancellationToken cancellationToken)
        where T : class
    {
        var pk = $"{kind}:{code}";
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var (current, etag) = await documents.ReadAsync<VersionProbe>(pk, pk, cancellationToken);
            var next = (current?.Version ?? 0) + 1;
            var value = atVersion(next);
            if (!await documents.TryCreateAsync($"{pk}:v{next}", pk, value, cancellationToken)) continue;
            if (await documents.TryWriteAsync(pk, pk, value, etag, cancellationToken)) return value;
        }

        throw new InvalidOperationException($"Too much contention saving {pk}.");
    }

    private static List<T> Replace<T>(List<T>? list, T value, Func<T, bool> same)
    {
        var result = (list ?? []).Where(x => !same(x)).ToList();
        result.Add(value);
        return result;
    }

    private sealed record VersionProbe(int Version);
}
