namespace OneWindow.Domain.Catalog;

/// <summary>
/// The catalog in storage. Reads are point reads (no queries, BRIEF D4): each version is its own
/// immutable document, plus a current copy and one index document per list screen.
/// </summary>
public interface ICatalogStore
{
    /// <summary>An item at <paramref name="version"/>, or its current version when null; null if unknown.</summary>
    Task<ServiceItem?> GetItemAsync(string code, int? version = null, CancellationToken cancellationToken = default);

    Task<ServicePackage?> GetPackageAsync(string code, int? version = null, CancellationToken cancellationToken = default);

    Task<Department?> GetDepartmentAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>The current version of every item (the catalog index document).</summary>
    Task<IReadOnlyList<ServiceItem>> ListItemsAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ServicePackage>> ListPackagesAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Department>> ListDepartmentsAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="item"/> as the next version (its Version is ignored) and returns what was stored.</summary>
    Task<ServiceItem> SaveItemAsync(ServiceItem item, CancellationToken cancellationToken = default);

    Task<ServicePackage> SavePackageAsync(ServicePackage package, CancellationToken cancellationToken = default);

    Task<Department> SaveDepartmentAsync(Department department, CancellationToken cancellationToken = default);
}
