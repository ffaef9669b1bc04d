using OneWindow.Domain.Review;

namespace OneWindow.Functions.Tests.Review;

/// <summary>The outbox index in memory.</summary>
internal sealed class InMemoryDecisionOutboxIndex : IDecisionOutboxIndex
{
    private readonly List<OutboxEntry> entries = [];

    public Task<IReadOnlyList<OutboxEntry>> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<OutboxEntry>>([.. entries]);

    public Task AddAsync(OutboxEntry entry, CancellationToken cancellationToken = default)
    {
        entries.RemoveAll(e => e.EventId == entry.EventId);
        entries.Add(entry);
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string eventId, CancellationToken cancellationToken = default)
    {
        entries.RemoveAll(e => e.EventId == eventId);
        return Task.CompletedTask;
    }
}
