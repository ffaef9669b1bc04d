using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;
using Microsoft.Azure.Cosmos;
using OneWindow.Data.Applications;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Uploads;

namespace OneWindow.Data.Uploads;

/// <summary>
/// Upload reservations in the Cosmos container <c>uploads</c>, the bytes in the blob container <c>uploads</c> (written by
/// clients through upload URLs), and the cases' fixed copies in the blob container <c>evidence</c>, which no upload URL
/// reaches and only this store writes (decision 0015). Upload and download URLs are service SAS when the client holds
/// the account key (Azurite, local), otherwise user-delegation SAS (Azure with a managed identity and no account keys,
/// decision 0401).
/// </summary>
public sealed class CosmosBlobUploadStore(Container reservations, BlobContainerClient blobs, BlobContainerClient evidence) : IUploadStore
{
    private readonly IdDocuments documents = new(reservations);
    private UserDelegationKey? delegationKey;

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

    public async Task<UploadedContent?> FixEvidenceAsync(UploadReservation reservation, string applicationId, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        var copy = evidence.GetBlobClient(UploadRules.EvidenceName(applicationId, reservation.Sha256));

        // An earlier case's copy holds bytes that were checked and cannot change since; the upload blob is the client's.
        var source = blobs.GetBlobClient(reservation.Id);
        if (reservation.UsedBy.FirstOrDefault(a => a != applicationId) is { } earlier)
        {
            var fixedBefore = evidence.GetBlobClient(UploadRules.EvidenceName(earlier, reservation.Sha256));
            if (await fixedBefore.ExistsAsync(cancellationToken)) source = fixedBefore;
        }

        try
        {
            // Create-only: a repeat (or a concurrent attempt) that finds the copy keeps it and checks it again below.
            var operation = await copy.StartCopyFromUriAsync(source.Uri, new BlobCopyFromUriOptions
            {
                DestinationConditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
            await operation.WaitForCompletionAsync(cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            // 409/412: the copy exists already. 404: nothing to copy; a copy made before may still exist.
        }

        BlobProperties properties;
        try
        {
            properties = (await copy.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }

        var size = properties.ContentLength;
        if (!string.IsNullOrEmpty(properties.CopyId) && properties.CopyStatus == CopyStatus.Pending)
        {
            // A concurrent attempt's copy still running: not checkable yet, and not ours to delete. The caller refuses; a retry checks it.
            return new UploadedContent(size, null);
        }

        string? sha256 = null;
        if (size <= maxBytes)
        {
            // Only headers change on a good copy (below), never its bytes: read whatever version is current.
            await using var stream = await copy.OpenReadAsync(new BlobOpenReadOptions(allowModifications: true), cancellationToken);
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        }

        if (size != reservation.Size || sha256 != reservation.Sha256)
        {
            // Not the declared bytes (the upload was wrong when copied): remove this copy, and only this version of it, so
            // a retry after a corrected PUT copies again. Nothing points at it: the case records a material only when it checks.
            try
            {
                await copy.DeleteAsync(conditions: new BlobRequestConditions { IfMatch = properties.ETag }, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
            }

            return new UploadedContent(size, sha256);
        }

        // The copy took the client's headers (say text/html): serve it as what was declared, and as a file, never a page.
        await copy.SetHttpHeadersAsync(new BlobHttpHeaders
        {
            ContentType = reservation.ContentType,
            ContentDisposition = Attachment(UploadRules.DownloadFileName("material", reservation.ContentType)),
        }, cancellationToken: cancellationToken);
        return new UploadedContent(size, sha256);
    }

    public async Task<Uri> CreateDownloadUrlAsync(SubmittedMaterial material, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(material);
        var blob = material.Evidence is { } name ? evidence.GetBlobClient(name) : blobs.GetBlobClient(material.UploadId);
        var sas = new BlobSasBuilder
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = DateTimeOffset.UtcNow.AddMinutes(-2),
            ExpiresOn = expiresAt,
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,

            // Response headers fixed by the signature: whatever the blob's own headers say, this is a file of the declared type.
            ContentType = material.ContentType ?? "application/octet-stream",
            ContentDisposition = Attachment(UploadRules.DownloadFileName(material.Code, material.ContentType)),
        };
        sas.SetPermissions(BlobSasPermissions.Read);
        if (blob.CanGenerateSasUri) return blob.GenerateSasUri(sas);
        var key = await DelegationKeyAsync(expiresAt, cancellationToken);
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, evidence.AccountName) }.ToUri();
    }

    /// <summary>One user-delegation key for many download URLs (renewed when it would end before a URL does; at most 7 days; a race renews twice, harmlessly).</summary>
    private async Task<UserDelegationKey> DelegationKeyAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        // Two callers may both renew at once: harmless, each key is valid.
        if (delegationKey is { } current && current.SignedExpiresOn >= until) return current;
        var now = DateTimeOffset.UtcNow;
        var expires = now.AddDays(6) > until ? now.AddDays(6) : until;
        var key = (await evidence.GetParentBlobServiceClient().GetUserDelegationKeyAsync(now.AddMinutes(-2), expires, cancellationToken)).Value;
        delegationKey = key;
        return key;
    }

    private static string Attachment(string fileName) => $"attachment; filename=\"{fileName}\"";

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
