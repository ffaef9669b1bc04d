namespace OneWindow.Domain.Supervision;

/// <summary>
/// A finished case's merged orchestration history, kept before the engine purges the instances (retention), so
/// supervisors can still read every step (BRIEF capability 14).
/// </summary>
/// <param name="Id">The case's orchestration instance id (the application id).</param>
/// <param name="Name">The orchestrator name.</param>
/// <param name="RuntimeStatus">How the instance ended (Completed, Failed, Terminated).</param>
/// <param name="CreatedAt">When the instance was created.</param>
/// <param name="LastUpdatedAt">When it last changed.</param>
/// <param name="ArchivedAt">When this archive was written.</param>
/// <param name="Instances">The instance ids the history covers (the case and its sub-orchestrations).</param>
/// <param name="Events">The merged history in order.</param>
public sealed record CaseHistoryArchive(
    string Id,
    string Name,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    DateTimeOffset ArchivedAt,
    IReadOnlyList<string> Instances,
    IReadOnlyList<CaseHistoryEvent> Events);
