using Microsoft.Azure.Cosmos;
using OneWindow.Domain.Applications;

namespace OneWindow.Data.Applications;

/// <summary>SMS dedupe records in the <c>sms-dedupe</c> container.</summary>
public sealed class CosmosSmsDeliveryStore(Container container) : ISmsDeliveryStore
{
    private readonly IdDocuments documents = new(container);

    public async Task<SmsDelivery> BeginAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        (await documents.UpdateAsync<SmsDelivery>(id, current => current switch
        {
            null => new SmsDelivery(id, SmsDelivery.Sending, 1, now, null, null),
            { Status: SmsDelivery.Sent } => null,
            _ => current with { Attempts = current.Attempts + 1 },
        }, cancellationToken))!;

    public Task MarkSentAsync(string id, string? messageId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        documents.UpdateAsync<SmsDelivery>(id, current => (current ?? new SmsDelivery(id, SmsDelivery.Sending, 1, now, null, null)) with
        {
            Status = SmsDelivery.Sent,
            SentAt = now,
            MessageId = messageId,
        }, cancellationToken);

    public Task MarkFailedAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        documents.UpdateAsync<SmsDelivery>(id, current => current switch
        {
            null => new SmsDelivery(id, SmsDelivery.Failed, 0, now, null, null),
            { Status: SmsDelivery.Sent or SmsDelivery.Failed } => null,
            _ => current with { Status = SmsDelivery.Failed },
        }, cancellationToken);

    public async Task<bool> RecordReceiptAsync(string id, string status, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await documents.UpdateAsync<SmsDelivery>(id, current => current is null || (current.ReceiptStatus == status && current.ReceiptAt == at) ? null : current with
        {
            ReceiptStatus = status,
            ReceiptAt = at,
        }, cancellationToken) is not null;

    public async Task<SmsDelivery?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await documents.ReadAsync<SmsDelivery>(id, cancellationToken)).Value;
}
