using System.Globalization;
using Microsoft.Azure.Cosmos;
using OneWindow.Domain.Applications;

namespace OneWindow.Data.Applications;

/// <summary>
/// Applications in Cosmos DB: <c>app-…</c>, <c>idem-&lt;id&gt;</c> and <c>number-&lt;number&gt;</c> in <c>applications</c>,
/// <c>applicant-&lt;hash&gt;</c> in <c>applicant-lists</c>, <c>seq-&lt;county&gt;-&lt;date&gt;</c> in <c>counters</c>.
/// </summary>
public sealed class CosmosApplicationStore(Container applications, Container applicantLists, Container counters) : IApplicationStore
{
    private readonly IdDocuments apps = new(applications);
    private readonly IdDocuments lists = new(applicantLists);

    public async Task<ApplicationRecord?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        IsApplicationId(id) ? (await apps.ReadAsync<ApplicationRecord>(id, cancellationToken)).Value : null;

    public Task<bool> TryCreateAsync(ApplicationRecord application, CancellationToken cancellationToken = default) =>
        apps.TryCreateAsync(application.Id, application, cancellationToken);

    public Task<ApplicationRecord?> UpdateAsync(string id, Func<ApplicationRecord, ApplicationRecord?> change, CancellationToken cancellationToken = default) =>
        apps.UpdateAsync<ApplicationRecord>(id, current => current is null ? null : change(current), cancellationToken);

    public async Task<IdempotencyRecord?> GetIdempotencyAsync(string applicationId, CancellationToken cancellationToken = default) =>
        (await apps.ReadAsync<IdempotencyRecord>("idem-" + applicationId, cancellationToken)).Value;

    public Task<bool> TryCreateIdempotencyAsync(IdempotencyRecord record, CancellationToken cancellationToken = default) =>
        apps.TryCreateAsync("idem-" + record.ApplicationId, record, cancellationToken);

    public async Task<string?> FindByNumberAsync(string number, CancellationToken cancellationToken = default) =>
        (await apps.ReadAsync<NumberEntry>("number-" + number, cancellationToken)).Value?.ApplicationId;

    public Task AddNumberAsync(string number, string applicationId, CancellationToken cancellationToken = default) =>
        apps.TryCreateAsync("number-" + number, new NumberEntry(applicationId), cancellationToken);

    public Task<int> NextSequenceAsync(string countyCode, DateOnly date, CancellationToken cancellationToken = default) =>
        new CosmosCounters(counters).NextAsync(string.Create(CultureInfo.InvariantCulture, $"seq-{countyCode}-{date:yyyyMMdd}"), cancellationToken);

    public async Task<IReadOnlyList<ApplicantListEntry>> GetApplicantListAsync(string ownerHash, CancellationToken cancellationToken = default) =>
        (await lists.ReadAsync<List<ApplicantListEntry>>("applicant-" + ownerHash, cancellationToken)).Value ?? [];

    public Task PutApplicantListEntryAsync(string ownerHash, ApplicantListEntry entry, CancellationToken cancellationToken = default) =>
        lists.UpsertListEntryAsync("applicant-" + ownerHash, entry, e => e.Id == entry.Id, cancellationToken);

    /// <summary>Only application ids are point-read as applications (an "idem-…" id in a URL must not read another document kind).</summary>
    private static bool IsApplicationId(string id) => id.StartsWith("app-", StringComparison.Ordinal) && id.Length <= 64;

    private sealed record NumberEntry(string ApplicationId);
}
