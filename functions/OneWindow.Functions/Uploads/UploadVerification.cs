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
        void Add(string f, string m) { if (!errors.TryGetValue(f, out var l)) errors[f] = l = []; l.Add(m); }
        var verified = new List<SubmittedMaterial>();
        var now = time.GetUtcNow();
        for (var i = 0; i < materials.Count; i++)
        {
            var field = $"materials[{i}].uploadId";
            var reservation = await uploads.GetAsync(materials[i].UploadId, cancellationToken);
            if (reservation is null || reservation.OwnerHash != ownerHash)
            {
                // The same answer for another user's upload as for none: ids of others are not confirmed.
                Add(field, $"There is no upload {materials[i].UploadId} of yours.");
                continue;
            }

            if (reservation.IsUsed)
            {
                verified.Add(new SubmittedMaterial(materials[i].Code, reservation.Id, reservation.Size, reservation.Sha256, Reused: true));
                continue;
            }

            if (reservation.ExpiresAt <= now)
            {
                Add(field, $"The upload {reservation.Id} expired at {reservation.ExpiresAt:O}; upload the file again.");
                continue;
            }

            var content = await uploads.ReadContentAsync(reservation.Id, options.UploadMaxBytes, cancellationToken);
            if (content is null) Add(field, $"The upload {reservation.Id} was never written; PUT the file to its uploadUrl first.");
            else if (content.Size != reservation.Size) Add(field, $"The upload {reservation.Id} has {content.Size} bytes, {reservation.Size} were declared.");
            else if (content.Sha256 != reservation.Sha256) Add(field, $"The SHA-256 of upload {reservation.Id} differs from the declared one.");
            else verified.Add(new SubmittedMaterial(materials[i].Code, reservation.Id, content.Size, content.Sha256, Reused: false));
        }

        return verified;
    }
}
