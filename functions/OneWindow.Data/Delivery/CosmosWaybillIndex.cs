using Microsoft.Azure.Cosmos;
using OneWindow.Data.Applications;
using OneWindow.Domain.Delivery;

namespace OneWindow.Data.Delivery;

/// <summary><c>waybill-&lt;waybill&gt;</c> → application id, in the <c>applications</c> container (beside <c>number-</c>).</summary>
public sealed class CosmosWaybillIndex(Container applications) : IWaybillIndex
{
    private readonly IdDocuments documents = new(applications);

    public Task AddAsync(string waybill, string applicationId, CancellationToken cancellationToken = default) =>
        documents.TryCreateAsync("waybill-" + waybill, new WaybillEntry(applicationId), cancellationToken);

    public async Task<string?> FindAsync(string waybill, CancellationToken cancellationToken = default) =>
        (await documents.ReadAsync<WaybillEntry>("waybill-" + waybill, cancellationToken)).Value?.ApplicationId;

    private sealed record WaybillEntry(string ApplicationId);
}
