namespace OneWindow.Domain.Applications;

/// <summary>
/// Application documents (docs/data-model.md): every read a point read, every write create-if-absent or
/// ETag-guarded, because a submission is several writes without a transaction and must be safe to repeat.
/// </summary>
public interface IApplicationStore
{
    Task<ApplicationRecord?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Creates the application; false when a document with its id already exists.</summary>
    Task<bool> TryCreateAsync(ApplicationRecord application, CancellationToken cancellationToken = default);

    /// <summary>
    /// Read-modify-write with ETag retries. <paramref name="change"/> returns null to leave the document as it is.
    /// Returns the stored document after the call (null when it does not exist).
    /// </summary>
    Task<ApplicationRecord?> UpdateAsync(string id, Func<ApplicationRecord, ApplicationRecord?> change, CancellationToken cancellationToken = default);

    Task<IdempotencyRecord?> GetIdempotencyAsync(string applicationId, CancellationToken cancellationToken = default);

    /// <summary>Creates the idempotency record; false when it already exists.</summary>
    Task<bool> TryCreateIdempotencyAsync(IdempotencyRecord record, CancellationToken cancellationToken = default);

    /// <summary>The application id a readable number belongs to.</summary>
    Task<string?> FindByNumberAsync(string number, CancellationToken cancellationToken = default);

    /// <summary>Creates the number → id document if absent.</summary>
    Task AddNumberAsync(string number, string applicationId, CancellationToken cancellationToken = default);

    /// <summary>Advances the daily counter of a county atomically (patch increment) and returns the new value.</summary>
    Task<int> NextSequenceAsync(string countyCode, DateOnly date, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApplicantListEntry>> GetApplicantListAsync(string ownerHash, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces the row of <paramref name="entry"/>'s application in the owner's list (idempotent).</summary>
    Task PutApplicantListEntryAsync(string ownerHash, ApplicantListEntry entry, CancellationToken cancellationToken = default);
}
