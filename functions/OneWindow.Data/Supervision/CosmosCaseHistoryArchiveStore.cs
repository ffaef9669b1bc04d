using Microsoft.Azure.Cosmos;
using OneWindow.Data.Applications;
using OneWindow.Domain.Supervision;

namespace OneWindow.Data.Supervision;

/// <summary>Case history archives in the <c>case-histories</c> container (partitioned by <c>/id</c>, one document per case).</summary>
public sealed class CosmosCaseHistoryArchiveStore(Container container) : ICaseHistoryArchiveStore
{
    /// <summary>The container name.</summary>
    public const string ContainerName = "case-histories";

    private readonly IdDocuments documents = new(container);

    public Task PutAsync(CaseHistoryArchive archive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        return documents.UpdateAsync<CaseHistoryArchive>(archive.Id, _ => archive, cancellationToken);
    }

    public async Task<CaseHistoryArchive?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await documents.ReadAsync<CaseHistoryArchive>(id, cancellationToken)).Value;
}
