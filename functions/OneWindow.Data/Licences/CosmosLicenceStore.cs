using System.Globalization;
using Microsoft.Azure.Cosmos;
using OneWindow.Data.Applications;
using OneWindow.Domain.Licences;

namespace OneWindow.Data.Licences;

/// <summary>
/// Licences in the <c>licences</c> container: <c>lic-&lt;number&gt;</c>, the issuance claims <c>claim-&lt;key&gt;</c>,
/// the holders' lists <c>holder-&lt;ownerHash&gt;</c> and the monthly expiry index <c>expiry-&lt;yyyyMM&gt;</c>; the serials
/// <c>lic-&lt;county&gt;-&lt;item&gt;-&lt;year&gt;</c> in <c>counters</c>. Point reads only (decision 0004).
/// </summary>
public sealed class CosmosLicenceStore(Container licences, Container counters) : ILicenceStore
{
    private readonly IdDocuments documents = new(licences);

    public async Task<(Licence? Licence, string? ETag)> GetAsync(string number, CancellationToken cancellationToken = default) =>
        number.Length is > 0 and <= 120 ? await documents.ReadAsync<Licence>("lic-" + number, cancellationToken) : (null, null);

    public Task<bool> TryCreateAsync(Licence licence, CancellationToken cancellationToken = default) =>
        documents.TryCreateAsync("lic-" + licence.Number, licence, cancellationToken);

    public Task<Licence?> UpdateAsync(string number, Func<Licence, Licence?> change, CancellationToken cancellationToken = default) =>
        documents.UpdateAsync<Licence>("lic-" + number, current => current is null ? null : change(current), cancellationToken);

    public async Task<string> ClaimNumberAsync(string claimKey, Func<CancellationToken, Task<string>> number, CancellationToken cancellationToken = default)
    {
        var id = "claim-" + claimKey;
        var (claimed, _) = await documents.ReadAsync<NumberClaim>(id, cancellationToken);
        if (claimed is not null) return claimed.Number;

        // A concurrent or earlier try that claimed first wins; the serial this try drew is then left unused (a gap).
        var drawn = await number(cancellationToken);
        if (await documents.TryCreateAsync(id, new NumberClaim(drawn), cancellationToken)) return drawn;
        return (await documents.ReadAsync<NumberClaim>(id, cancellationToken)).Value!.Number;
    }

    public Task<int> NextSerialAsync(string countyCode, string itemCode, int year, CancellationToken cancellationToken = default) =>
        new CosmosCounters(counters).NextAsync(string.Create(CultureInfo.InvariantCulture, $"lic-{countyCode}-{itemCode}-{year}"), cancellationToken);

    public async Task<IReadOnlyList<string>> GetHolderListAsync(string ownerHash, CancellationToken cancellationToken = default) =>
        (await documents.ReadAsync<List<string>>("holder-" + ownerHash, cancellationToken)).Value ?? [];

    public Task AddToHolderListAsync(string ownerHash, string number, CancellationToken cancellationToken = default) =>
        documents.UpsertListEntryAsync("holder-" + ownerHash, number, n => n == number, cancellationToken);

    public Task AddToExpiryIndexAsync(string number, DateTimeOffset validUntil, CancellationToken cancellationToken = default) =>
        documents.UpsertListEntryAsync(ExpiryId(LicenceTime.DateOf(validUntil)), number, n => n == number, cancellationToken);

    public async Task<IReadOnlyList<string>> GetExpiringInMonthAsync(DateOnly month, CancellationToken cancellationToken = default) =>
        (await documents.ReadAsync<List<string>>(ExpiryId(month), cancellationToken)).Value ?? [];

    private static string ExpiryId(DateOnly day) => "expiry-" + day.ToString("yyyyMM", CultureInfo.InvariantCulture);

    private sealed record NumberClaim(string Number);
}
