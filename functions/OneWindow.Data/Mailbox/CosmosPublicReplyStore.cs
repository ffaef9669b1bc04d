using System.Globalization;
using Microsoft.Azure.Cosmos;
using OneWindow.Data.Applications;
using OneWindow.Domain.Mailbox;

namespace OneWindow.Data.Mailbox;

/// <summary>The public list of answered suggestions: one document <c>mailbox-public-&lt;year&gt;</c> per year of reply, in <c>applicant-lists</c>.</summary>
public sealed class CosmosPublicReplyStore(Container applicantLists) : IPublicReplyStore
{
    private readonly IdDocuments documents = new(applicantLists);

    public Task PutAsync(int year, PublicReply reply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return documents.UpsertListEntryAsync(Id(year), reply, r => r.Number == reply.Number, cancellationToken);
    }

    public async Task<IReadOnlyList<PublicReply>> ListAsync(int year, CancellationToken cancellationToken = default) =>
        (await documents.ReadAsync<List<PublicReply>>(Id(year), cancellationToken)).Value ?? [];

    private static string Id(int year) => string.Create(CultureInfo.InvariantCulture, $"mailbox-public-{year}");
}
