namespace OneWindow.Domain.Catalog;

/// <summary>
/// Seeds the demo county idempotently: a department, item or package is written only when it is missing
/// or differs from the stored current version (so a rerun creates no new versions, and an admin's later
/// edit of the same code is overwritten only when the seed itself changed).
/// </summary>
public sealed class CatalogSeeder(ICatalogStore store)
{
    /// <summary>Seeds and returns how many documents were written (0 on a rerun).</summary>
    public async Task<int> SeedAsync(DemoCountyData data, CancellationToken cancellationToken = default)
    {
        var written = 0;
        foreach (var department in data.Departments)
        {
            var current = await store.GetDepartmentAsync(department.Code, cancellationToken);
            if (current is not null && current with { Version = 0 } == department with { Version = 0 }) continue;
            await store.SaveDepartmentAsync(department, cancellationToken);
            written++;
        }

        foreach (var item in data.Items)
        {
            var current = await store.GetItemAsync(item.Code, null, cancellationToken);
            if (current is not null && CatalogEquality.SameItem(current, item)) continue;
            await store.SaveItemAsync(item, cancellationToken);
            written++;
        }

        foreach (var package in data.Packages)
        {
            var current = await store.GetPackageAsync(package.Code, null, cancellationToken);
            if (current is not null && CatalogEquality.SamePackage(current, package)) continue;
            await store.SavePackageAsync(package, cancellationToken);
            written++;
        }

        return written;
    }
}
