using OneWindow.Domain.Applications;
using OneWindow.Domain.Uploads;
using OneWindow.Functions.Applications;

namespace OneWindow.Functions.Uploads;

/// <summary>
/// Checks the uploads a submission or a correction points at: the caller's own, not expired, actually written, and
/// with the declared size and SHA-256. A SAS cannot cap size, so this is where the limits hold. An upload already used
/// by an earlier case of the same owner was checked then and is reused as it is (材料复用).
/// </summary>
public sealed class UploadVerification(IUploadStore uploads, ApplicationOptions options, TimeProvider time)
{
    public async Task<IReadOnlyList<SubmittedMaterial>> VerifyAsync(
        IReadOnlyList<MaterialReference> materials, string ownerHash, Dictionary<string, List<string>> errors, CancellationToken cancellationToken)
    {
        // Each material is checked on its own (reads only), all at once; results are merged in the caller's order.
        var now = time.GetUtcNow();
        var results = await Task.WhenAll(materials.Select(m => VerifyOneAsync(m, ownerHash, now, cancellationToken)));
        var verified = new List<SubmittedMaterial>();
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Error is { } error)
            {
                var field = $"materials[{i}].uploadId";
                if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
                list.Add(error);
            }
            else verified.Add(results[i].Material!);
        }

        return verified;
    }

    private async Task<(SubmittedMaterial? Material, string? Error)> VerifyOneAsync(MaterialReference material, string ownerHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reservation = await uploads.GetAsync(material.UploadId, cancellationToken);

        // The same answer for another user's upload as for none: ids of others are not confirmed.
        if (reservation is null || reservation.OwnerHash != ownerHash) return (null, $"There is no upload {material.UploadId} of yours.");
        if (reservation.IsUsed) return (new SubmittedMaterial(material.Code, reservation.Id, reservation.Size, reservation.Sha256, Reused: true), null);
        if (reservation.ExpiresAt <= now) return (null, $"The upload {reservation.Id} expired at {reservation.ExpiresAt:O}; upload the file again.");
        var content = await uploads.ReadContentAsync(reservation.Id, options.UploadMaxBytes, cancellationToken);
        if (content is null) return (null, $"The upload {reservation.Id} was never written; PUT the file to its uploadUrl first.");
        if (content.Size != reservation.Size) return (null, $"The upload {reservation.Id} has {content.Size} bytes, {reservation.Size} were declared.");
        if (content.Sha256 != reservation.Sha256) return (null, $"The SHA-256 of upload {reservation.Id} differs from the declared one.");
        return (new SubmittedMaterial(material.Code, reservation.Id, content.Size, content.Sha256, Reused: false), null);
    }
}
