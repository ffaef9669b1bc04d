using Microsoft.Azure.Cosmos;
using OneWindow.Data.Applications;
using OneWindow.Domain.Supervision;

namespace OneWindow.Data.Supervision;

/// <summary>
/// Counters in the <c>statistics</c> container (partitioned by <c>/id</c>): <c>stats-&lt;scope&gt;-&lt;yyyyMM&gt;</c> month
/// documents and <c>pace-&lt;department&gt;-&lt;item&gt;</c>, all ETag-guarded read-modify-writes.
/// </summary>
public sealed class CosmosStatisticsStore(Container container) : IStatisticsStore
{
    /// <summary>The container name.</summary>
    public const string ContainerName = "statistics";

    private readonly IdDocuments documents = new(container);

    public async Task<bool> ApplyAsync(string scope, DateOnly day, string key, Func<StatisticsFigures, StatisticsFigures> change, CancellationToken cancellationToken = default)
    {
        var applied = false;
        await documents.UpdateAsync<StatisticsMonth>(StatisticsMonth.IdOf(scope, day.Year, day.Month), current =>
        {
            var month = current ?? StatisticsMonth.Create(scope, day.Year, day.Month);
            var next = month.Apply(day, key, change);
            applied = next is not null;
            return next;
        }, cancellationToken);
        return applied;
    }

    public async Task<StatisticsMonth?> GetMonthAsync(string scope, int year, int month, CancellationToken cancellationToken = default) =>
        (await documents.ReadAsync<StatisticsMonth>(StatisticsMonth.IdOf(scope, year, month), cancellationToken)).Value;

    public Task RecordPaceAsync(string department, string itemCode, string taskId, double workingDays, CancellationToken cancellationToken = default) =>
        documents.UpdateAsync<DepartmentPace>(DepartmentPace.IdOf(department, itemCode), current =>
        {
            var pace = current ?? new DepartmentPace(department, itemCode, []);
            return pace.Samples.Any(s => s.TaskId == taskId && s.WorkingDays.Equals(workingDays)) ? null : pace.With(taskId, workingDays);
        }, cancellationToken);

    public async Task<DepartmentPace?> GetPaceAsync(string department, string itemCode, CancellationToken cancellationToken = default) =>
        (await documents.ReadAsync<DepartmentPace>(DepartmentPace.IdOf(department, itemCode), cancellationToken)).Value;
}
