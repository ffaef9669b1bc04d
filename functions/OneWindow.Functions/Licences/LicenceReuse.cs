using System.Security.Cryptography;
using Azure.Storage.Blobs;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Catalog;
using OneWindow.Domain.Licences;
using OneWindow.Domain.Uploads;
using OneWindow.Functions.Applications;
using OneWindow.Functions.Review;

namespace OneWindow.Functions.Licences;

/// <summary>
/// 证照复用 (spec 3.2.2): a submission's material given as one of the applicant's licences. The licence must be the
/// caller's, valid (not revoked, superseded or expired) and issued for an item the material accepts; its PDF is then
/// fixed in the case's evidence like an upload (decision 0015), so reviewers and department systems download what was
/// checked, and the case view links the licence's verification.
/// </summary>
public sealed class LicenceReuse(ILicenceStore licences, LicenceIssuance issuance, BlobServiceClient blobs, TimeProvider time)
{
    /// <summary>Reads only: the licence of each licence reference (null entries for uploads); errors keyed by field.</summary>
    public async Task<IReadOnlyList<Licence?>> FindAsync(
        IReadOnlyList<MaterialReference> materials, string ownerHash, IReadOnlyDictionary<string, Material> selected, Dictionary<string, List<string>> errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(materials);
        ArgumentNullException.ThrowIfNull(errors);
        var now = time.GetUtcNow();
        var found = new Licence?[materials.Count];
        for (var i = 0; i < materials.Count; i++)
        {
            if (materials[i].LicenceNumber is not { } number) continue;
            var field = $"materials[{i}].licenceNumber";
            var (licence, _) = await licences.GetAsync(number, cancellationToken);

            // The same answer for another's licence as for none: numbers of others are not confirmed here.
            if (licence is null || licence.OwnerHash != ownerHash) ReviewRequests.Add(errors, field, $"There is no licence {number} of yours.");
            else if (licence.StatusAt(now) is var status && status != LicenceStatus.Valid) ReviewRequests.Add(errors, field, $"Licence {number} is {status}; only a valid licence can stand in for a material.");
            else if (!selected.TryGetValue(materials[i].Code, out var material) || material.LicenceItems?.Contains(licence.ItemCode) != true)
                ReviewRequests.Add(errors, field, $"The material '{materials[i].Code}' cannot be given as a licence of item {licence.ItemCode}; upload the file instead.");
            else found[i] = licence;
        }

        return found;
    }

    /// <summary>Fixes the licence's PDF as the case's evidence and returns the case's material.</summary>
    public async Task<SubmittedMaterial> FixAsync(string code, Licence licence, string applicationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(licence);
        var pdf = (await issuance.Files().GetBlobClient(licence.File).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
        var name = UploadRules.EvidenceName(applicationId, sha256);
        await blobs.GetBlobContainerClient(ApplicationsRegistration.EvidenceBlobContainer).GetBlobClient(name).UploadAsync(new BinaryData(pdf), overwrite: true, cancellationToken);
        return new SubmittedMaterial(code, "licence:" + licence.Number, pdf.Length, sha256, Reused: true)
        {
            ContentType = "application/pdf",
            Evidence = name,
            LicenceNumber = licence.Number,
        };
    }
}
