using Microsoft.Azure.Cosmos;
using OneWindow.Data.Applications;
using OneWindow.Domain.Review;

namespace OneWindow.Data.Review;

/// <summary>
/// Alerts in the <c>alerts</c> container: <c>alerts-open</c> (every open alert; one document is enough for a county's
/// open alerts and keeps the supervisor's list a point read) and <c>legal-overdue-&lt;department&gt;</c>.
/// </summary>
public sealed class CosmosAlertStore(Container container) : IAlertStore
{
    private const string OpenId = "alerts-open";
    private readonly IdDocuments documents = new(container);

    public async Task<IReadOnlyList<Alert>> GetOpenAsync(CancellationToken cancellationToken = default) =>
        (await documents.ReadAsync<List<Alert>>(OpenId, cancellationToken)).Value ?? [];

    public async Task<bool> RaiseAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        var added = false;
        await documents.UpdateAsync<List<Alert>>(OpenId, current =>
        {
            added = false;
            var list = current ?? [];
            if (list.Exists(a => a.Id == alert.Id)) return null;
            added = true;
            return [.. list, alert];
        }, cancellationToken);
        return added;
    }

    public Task CloseAsync(string alertId, CancellationToken cancellationToken = default) =>
        documents.UpdateAsync<List<Alert>>(OpenId, current =>
            current is null || !current.Exists(a => a.Id == alertId) ? null : current.Where(a => a.Id != alertId).ToList(), cancellationToken);

    public Task CloseForTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        documents.UpdateAsync<List<Alert>>(OpenId, current =>
            current is null || !current.Exists(a => a.TaskId == taskId) ? null : current.Where(a => a.TaskId != taskId).ToList(), cancellationToken);

    public Task RecordLegalOverdueAsync(string department, string taskId, CancellationToken cancellationToken = default) =>
        documents.UpdateAsync<List<string>>("legal-overdue-" + department, current =>
            current is not null && current.Contains(taskId) ? null : [.. current ?? [], taskId], cancellationToken);

    public async Task<IReadOnlyList<string>> GetLegalOverduesAsync(string department, CancellationToken cancellationToken = default) =>
        (await documents.ReadAsync<List<string>>("legal-overdue-" + department, cancellationToken)).Value ?? [];
}
