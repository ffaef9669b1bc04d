using OneWindow.Domain.Applications;
using OneWindow.Domain.Uploads;
using OneWindow.Functions.Applications;

namespace OneWindow.Functions.Uploads;

/// <summary>
/// Checks the uploads a submission or a correction points at and fixes their bytes for the case: the caller's own, not
/// expired, then copied server-side into the case's evidence (where no upload URL reaches, decision 0015), and that copy
/// must have the declared size and SHA-256. A SAS cannot cap size, so this is where the limits hold. An upload already
/// used by an earlier case of the same owner is reused (材料复用) from that case's copy, even after its retention.
/// </summary>
public sealed class UploadVerification(IUploadStore uploads, ApplicationOptions options, TimeProvider time)
{
    /// <summary>Both steps: <see cref="FindAsync"/>, then, when every upload was found, <see cref="FixAsync"/>.</summary>
    public async Task<IReadOnlyList<SubmittedMaterial>> VerifyAsync(
        IReadOnlyList<MaterialReference> materials, string ownerHash, string applicationId, Dictionary<string, List<string>> errors, CancellationToken cancellationToken)
    {
        var found = await FindAsync(materials, ownerHash, errors, cancellationToken);
        return found is null ? [] : await FixAsync(materials, found, applicationId, errors, cancellationToken);
    }

    /// <summary>
    /// Reads only: each upload is the caller's and, unless a case used it already, not expired. Null (and errors) when
    /// one is not, so a request that will be refused writes nothing.
    /// </summary>
    public async Task<IReadOnlyList<UploadReservation>?> FindAsync(
        IReadOnlyList<MaterialReference> materials, string ownerHash, Dictionary<string, List<string>> errors, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var results = await Task.WhenAll(materials.Select(m => FindOneAsync(m, ownerHash, now, cancellationToken)));
        return Merge(results, errors);
    }

    /// <summary>
    /// Fixes each found upload's bytes for <paramref name="applicationId"/> (its evidence copy, all at once) and checks the
    /// copy's size and SHA-256 against the declaration; results in the caller's order.
    /// </summary>
    public async Task<IReadOnlyList<SubmittedMaterial>> FixAsync(
        IReadOnlyList<MaterialReference> materials, IReadOnlyList<UploadReservation> found, string applicationId, Dictionary<string, List<string>> errors, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(materials.Select((m, i) => FixOneAsync(m, found[i], applicationId, cancellationToken)));
        return Merge(results, errors) ?? [];
    }

    private static List<T>? Merge<T>((T? Value, string? Error)[] results, Dictionary<string, List<string>> errors)
        where T : class
    {
        var values = new List<T>();
        var failed = false;
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Error is { } error)
            {
                var field = $"materials[{i}].uploadId";
                if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
                list.Add(error);
                failed = true;
            }
            else values.Add(results[i].Value!);
        }

        return failed ? null : values;
    }

    private async Task<(UploadReservation? Reservation, string? Error)> FindOneAsync(MaterialReference material, string ownerHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reservation = await uploads.GetAsync(material.UploadId, cancellationToken);

        // The same answer for another user's upload as for none: ids of others are not confirmed.
        if (reservation is null || reservation.OwnerHash != ownerHash) return (null, $"There is no upload {material.UploadId} of yours.");
        if (!reservation.IsUsed && reservation.ExpiresAt <= now) return (null, $"The upload {reservation.Id} expired at {reservation.ExpiresAt:O}; upload the file again.");
        return (reservation, null);
    }

    private async Task<(SubmittedMaterial? Material, string? Error)> FixOneAsync(MaterialReference material, UploadReservation reservation, string applicationId, CancellationToken cancellationToken)
    {
        var reused = reservation.UsedBy.Any(a => a != applicationId);

        // The check is made on the case's own copy, so what was checked is what departments and reviewers download.
        var content = await uploads.FixEvidenceAsync(reservation, applicationId, options.UploadMaxBytes, cancellationToken);
        if (content is null) return (null, $"The upload {reservation.Id} was never written; PUT the file to its uploadUrl first.");
        if (content.Size != reservation.Size) return (null, $"The upload {reservation.Id} has {content.Size} bytes, {reservation.Size} were declared.");
        if (content.Sha256 != reservation.Sha256) return (null, $"The SHA-256 of upload {reservation.Id} differs from the declared one.");
        return (new SubmittedMaterial(material.Code, reservation.Id, content.Size, content.Sha256, reused)
        {
            ContentType = reservation.ContentType,
            Evidence = UploadRules.EvidenceName(applicationId, reservation.Sha256),
        }, null);
    }
}
