namespace OneWindow.Domain.Supervision;

/// <summary>Archived case histories, one document per case.</summary>
public interface ICaseHistoryArchiveStore
{
    /// <summary>Writes (or rewrites: retention may run again after a crash) the archive of a case.</summary>
    Task PutAsync(CaseHistoryArchive archive, CancellationToken cancellationToken = default);

    /// <summary>The archive of a case, or null.</summary>
    Task<CaseHistoryArchive?> GetAsync(string id, CancellationToken cancellationToken = default);
}
