using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;
using Microsoft.Azure.Cosmos;
using OneWindow.Data.Applications;
using OneWindow.Domain.Uploads;

namespace OneWindow.Data.Uploads;

/// <summary>
/// Upload reservations in the Cosmos container <c>uploads</c> and the bytes in the blob container <c>uploads</c>.
/// Upload URLs are service SAS when the client holds the account key (Azurite, local), otherwise user-delegation
/// SAS (Azure with a managed identity and no account keys, decision 0401).
/// </summary>
public sealed class CosmosBlobUploadStore(Container reservations, BlobContainerClient blobs) : IUploadStore
{
    private readonly IdDocuments documents = new(reservations);

    public async Task CreateAsync(UploadReservation reservation, CancellationToken cancellationToken = default)
    {
        if (!await documents.TryCreateAsync(reservation.Id, reservation, cancellationToken))
        {
            throw new InvalidOperationException($"The upload {reservation.Id} already exists.");
        }
    }

    public async Task<UploadReservation?> GetAsync(string uploadId, CancellationToken cancellationToken = default) =>
        IsUploadId(uploadId) ? (await documents.ReadAsync<UploadReservation>(uploadId, cancellationToken)).Value : null;

    public Task MarkUsedAsync(string uploadId, string applicationId, CancellationToken cancellationToken = default) =>
        documents.UpdateAsync<UploadReservation>(uploadId, current =>
            current is null || current.UsedBy.Contains(applicationId) ? null : current with { UsedBy = [.. current.UsedBy, applicationId] },
            cancellationToken);

    public Task DeleteAsync(string uploadId, CancellationToken cancellationToken = default) => documents.DeleteAsync(uploadId, cancellationToken);

    public async Task<Uri> CreateUploadUrlAsync(string uploadId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var blob = blobs.GetBlobClient(uploadId);
        var sas = new BlobSasBuilder
        {
            BlobContainerName = blobs.Name,
            BlobName = uploadId,
            Resource = "b",
            StartsOn = DateTimeOffset.UtcNow.AddMinutes(-2), // clock skew between us and the storage service
            ExpiresOn = expiresAt,
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };

        // Create + write only: the holder can put this one blob and cannot read, list or delete anything.
        sas.SetPermissions(BlobSasPermissions.Create | BlobSasPermissions.Write);
        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(sas);
        }

        var service = blobs.GetParentBlobServiceClient();
        var key = await service.GetUserDelegationKeyAsync(sas.StartsOn, expiresAt, cancellationToken);
        var query = sas.ToSasQueryParameters(key.Value, service.AccountName);
        return new BlobUriBuilder(blob.Uri) { Sas = query }.ToUri();
    }

    public async Task<UploadedContent?> ReadContentAsync(string uploadId, long maxBytes, CancellationToken cancellationToken = default)
    {
        var blob = blobs.GetBlobClient(uploadId);
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            var size = properties.Value.ContentLength;
            if (size > maxBytes) return new UploadedContent(size, null);
            await using var stream = await blob.OpenReadAsync(cancellationToken: cancellationToken);
            var hash = await SHA256.HashDataAsync(stream, cancellationToken);
            return new UploadedContent(size, Convert.ToHexStringLower(hash));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<string> ListBlobsOlderThanAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in blobs.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            if (item.Properties.LastModified is { } modified && modified < before) yield return item.Name;
        }
    }

    public async Task DeleteBlobAsync(string uploadId, CancellationToken cancellationToken = default) =>
        await blobs.DeleteBlobIfExistsAsync(uploadId, cancellationToken: cancellationToken);

    private static bool IsUploadId(string id) => id.StartsWith("upload-", StringComparison.Ordinal) && id.Length <= 64;
}
