namespace OneWindow.Domain.Mailbox;

/// <summary>The public list of answered suggestions, one document per year of reply (no queries on request paths).</summary>
public interface IPublicReplyStore
{
    /// <summary>Adds or replaces the entry of its number in the list of <paramref name="year"/> (idempotent).</summary>
    Task PutAsync(int year, PublicReply reply, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PublicReply>> ListAsync(int year, CancellationToken cancellationToken = default);
}
