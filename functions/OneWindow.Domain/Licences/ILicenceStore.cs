namespace OneWindow.Domain.Licences;

/// <summary>Licences, their issuance claims, the holders' lists and the serial counters.</summary>
public interface ILicenceStore
{
    Task<(Licence? Licence, string? ETag)> GetAsync(string number, CancellationToken cancellationToken = default);

    /// <summary>Creates the licence; false when a licence with its number exists.</summary>
    Task<bool> TryCreateAsync(Licence licence, CancellationToken cancellationToken = default);

    /// <summary>Read-modify-write with ETag retries; <paramref name="change"/> returns null to write nothing.</summary>
    Task<Licence?> UpdateAsync(string number, Func<Licence, Licence?> change, CancellationToken cancellationToken = default);

    /// <summary>
    /// The number claimed for <paramref name="claimKey"/> (one per application, item and version), claiming
    /// <paramref name="number"/> when none was: a retried issuance gets the number the first try claimed.
    /// </summary>
    Task<string> ClaimNumberAsync(string claimKey, Func<CancellationToken, Task<string>> number, CancellationToken cancellationToken = default);

    /// <summary>The next serial of a county, item and year (1, 2, ...).</summary>
    Task<int> NextSerialAsync(string countyCode, string itemCode, int year, CancellationToken cancellationToken = default);

    /// <summary>The numbers of the licences of an applicant (by owner hash).</summary>
    Task<IReadOnlyList<string>> GetHolderListAsync(string ownerHash, CancellationToken cancellationToken = default);

    Task AddToHolderListAsync(string ownerHash, string number, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds the licence to the expiry index of the month its validity ends (China time), which the reminder timer
    /// point-reads instead of querying (decision 0004).
    /// </summary>
    Task AddToExpiryIndexAsync(string number, DateTimeOffset validUntil, CancellationToken cancellationToken = default);

    /// <summary>The numbers of licences whose validity ends in the month of <paramref name="month"/>.</summary>
    Task<IReadOnlyList<string>> GetExpiringInMonthAsync(DateOnly month, CancellationToken cancellationToken = default);
}
