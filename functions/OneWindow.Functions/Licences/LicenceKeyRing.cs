using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OneWindow.Data.Licences;
using OneWindow.Domain.Licences;

namespace OneWindow.Functions.Licences;

/// <summary>
/// The issuers' SM2 signing keys (decision 0700): <c>Licences:Issuers:&lt;department&gt;:PrivateKey</c> (hex; a Key Vault
/// reference in Azure). In Development, an issuer without a configured key gets one generated on first use and kept as a
/// blob in the local storage account (<c>licence-keys/&lt;department&gt;.key</c>, never in git), created with
/// If-None-Match so every host of the task hub signs with the same key.
/// </summary>
public sealed class LicenceKeyRing(IConfiguration configuration, IHostEnvironment environment, BlobServiceClient blobs)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string?>>> keys = new(StringComparer.Ordinal);

    /// <summary>The issuer's private key (hex), or null when none is configured (outside Development).</summary>
    public async Task<string?> PrivateKeyAsync(string issuer, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        var lazy = keys.GetOrAdd(issuer, i => new Lazy<Task<string?>>(() => LoadAsync(i, CancellationToken.None)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch when (lazy.Value.IsFaulted)
        {
            // A storage failure is not remembered: the next call loads again.
            keys.TryRemove(new KeyValuePair<string, Lazy<Task<string?>>>(issuer, lazy));
            throw;
        }
    }

    /// <summary>The issuer's public key (uncompressed point, hex), or null when it has no key.</summary>
    public async Task<string?> PublicKeyAsync(string issuer, CancellationToken cancellationToken) =>
        await PrivateKeyAsync(issuer, cancellationToken) is { } key ? LicenceSigning.PublicKeyOf(key) : null;

    private async Task<string?> LoadAsync(string issuer, CancellationToken cancellationToken)
    {
        var configured = configuration[$"Licences:Issuers:{issuer}:PrivateKey"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            // An unresolved Key Vault reference leaves its literal text: fail clearly rather than sign with garbage.
            if (configured.Length != 64 || !configured.All(Uri.IsHexDigit))
                throw new InvalidOperationException($"Licences:Issuers:{issuer}:PrivateKey is not a 32-byte hex key (an unresolved Key Vault reference?).");
            return configured;
        }

        if (!environment.IsDevelopment()) return null;
        var container = blobs.GetBlobContainerClient(LicenceContainers.DevelopmentKeys);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blob = container.GetBlobClient(issuer + ".key");
        try
        {
            await blob.UploadAsync(BinaryData.FromString(LicenceSigning.NewPrivateKey()), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another host (or an earlier run) generated it first: use that one.
        }

        return (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToString().Trim();
    }
}
