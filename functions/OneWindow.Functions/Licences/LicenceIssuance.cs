using System.Globalization;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Catalog;
using OneWindow.Domain.Identity;
using OneWindow.Domain.Licences;
using OneWindow.Domain.Review;
using OneWindow.Functions.Applications;

namespace OneWindow.Functions.Licences;

/// <summary>
/// Issues and re-issues licences, idempotently: each (application, item, version) claims one number (a serial drawn
/// from the county/item/year counter), so a retried issuance finds the number, the document and the PDF the first try
/// made and completes whatever it did not.
/// </summary>
public sealed class LicenceIssuance(
    IApplicationStore applications,
    ICatalogStore catalog,
    IReviewTaskStore tasks,
    ILicenceStore licences,
    LicenceKeyRing keys,
    LicenceDocument document,
    PersonalDataProtector protector,
    ApplicationOptions applicationOptions,
    BlobServiceClient blobs,
    TimeProvider time,
    ILogger<LicenceIssuance> logger)
{
    /// <summary>Statuses of a case whose licences may be issued.</summary>
    private static readonly HashSet<string> Approved = new(StringComparer.Ordinal) { "approved", "delivered" };

    /// <summary>
    /// The licences of an approved case, one per review item whose catalog entry issues one; null when the case is
    /// unknown or not approved (nothing issued).
    /// </summary>
    public async Task<IReadOnlyList<string>?> IssueForApplicationAsync(string applicationId, CancellationToken cancellationToken)
    {
        var application = await applications.GetAsync(applicationId, cancellationToken);
        if (application is null || !Approved.Contains(application.Status))
        {
            logger.LogWarning("Licence issuance for {ApplicationId} skipped: the case is {Status}.", applicationId, application?.Status ?? "unknown");
            return null;
        }

        var numbers = new List<string>();
        var reviews = application.Stages.SelectMany(s => s.Tasks).Where(t => t.Kind == ReviewTask.Review)
            .GroupBy(t => t.ItemCode, StringComparer.Ordinal).Select(g => g.First());
        foreach (var task in reviews)
        {
            var item = await catalog.GetItemAsync(task.ItemCode, cancellationToken: cancellationToken);
            if (item?.Licence is null) continue;
            var (stored, _) = await tasks.GetAsync(task.Id, cancellationToken);
            numbers.Add(await IssueAsync(application, item, stored?.Licence, cancellationToken));
        }

        return numbers;
    }

    private async Task<string> IssueAsync(ApplicationRecord application, ServiceItem item, LicenceFields? fields, CancellationToken cancellationToken)
    {
        var number = await ClaimAsync(application.Id, item.Code, 1, cancellationToken);
        var (existing, _) = await licences.GetAsync(number, cancellationToken);
        if (existing is not null) return await CompleteAsync(existing, cancellationToken);

        var holder = protector.Open<ApplicantSecret>(application.SealedApplicant, application.Id).Applicant;
        var issuedAt = time.GetUtcNow();
        var validUntil = fields?.ValidUntil is { } until ? LicenceTime.EndOfDay(until) : item.Licence!.ValidUntil(issuedAt);
        var department = await catalog.GetDepartmentAsync(item.Department, cancellationToken);
        var licence = new Licence
        {
            Number = number,
            Version = 1,
            ApplicationId = application.Id,
            ApplicationNumber = application.Number,
            ItemCode = item.Code,
            ItemName = item.Name,
            Kind = item.Licence!.Title,
            Issuer = item.Department,
            IssuerName = department?.Name ?? item.Department,
            OwnerHash = application.OwnerHash,
            HolderKind = holder.Kind,
            SealedHolder = protector.Seal(holder.Name, number),
            HolderMasked = PersonalDataMask.Name(holder.Name),
            HolderId = holder.Kind == "person" ? PersonalDataMask.IdNumber(holder.IdNumber) : holder.IdNumber,
            Scope = fields?.Scope,
            IssuedAt = issuedAt,
            ValidUntil = validUntil,
            ValidUntilUnix = validUntil?.ToUnixTimeSeconds(),
            Status = LicenceStatus.Valid,
            Signature = "",
            File = number + ".pdf",
            Operations = [new LicenceOperation(issuedAt, "issued", "system:licence-issuance", application.Number)],
        };
        return await SignAndStoreAsync(licence, holder.Name, cancellationToken);
    }

    /// <summary>
    /// Re-issues a licence as a new version with a new number and the same holder, scope and validity; the old one
    /// becomes superseded. Null (with the reason) when the licence cannot be re-issued.
    /// </summary>
    public async Task<(Licence? Licence, string? Conflict)> ReissueAsync(Licence old, string actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(old);
        if (old.Status == LicenceStatus.Revoked) return (null, $"Licence {old.Number} is revoked.");
        if (old.Status == LicenceStatus.Superseded && old.SupersededBy is not null) return (null, $"Licence {old.Number} was already superseded by {old.SupersededBy}.");
        var number = await ClaimAsync(old.ApplicationId, old.ItemCode, old.Version + 1, cancellationToken);
        var (existing, _) = await licences.GetAsync(number, cancellationToken);
        Licence next;
        if (existing is not null)
        {
            await CompleteAsync(existing, cancellationToken);
            next = existing;
        }
        else
        {
            var now = time.GetUtcNow();
            var holderName = protector.Open<string>(old.SealedHolder, old.Number);
            next = old with
            {
                Number = number,
                Version = old.Version + 1,
                SealedHolder = protector.Seal(holderName, number),
                IssuedAt = now,
                Status = LicenceStatus.Valid,
                Signature = "",
                File = number + ".pdf",
                Supersedes = old.Number,
                SupersededBy = null,
                RevocationReason = null,
                RemindersSent = [],
                Operations = [new LicenceOperation(now, "reissued", actor, $"{old.Number}: {reason}")],
            };
            await SignAndStoreAsync(next, holderName, cancellationToken);
        }

        var at = time.GetUtcNow();
        await licences.UpdateAsync(old.Number, l => l.Status == LicenceStatus.Superseded ? null : l with
        {
            Status = LicenceStatus.Superseded,
            SupersededBy = number,
            Operations = [.. l.Operations, new LicenceOperation(at, "superseded", actor, $"{number}: {reason}")],
        }, cancellationToken);
        return (next, null);
    }

    private Task<string> ClaimAsync(string applicationId, string itemCode, int version, CancellationToken cancellationToken) =>
        licences.ClaimNumberAsync(string.Create(CultureInfo.InvariantCulture, $"{applicationId}-{itemCode}-v{version}"), async ct =>
        {
            var year = LicenceTime.DateOf(time.GetUtcNow()).Year;
            var serial = await licences.NextSerialAsync(applicationOptions.CountyCode, itemCode, year, ct);
            return string.Create(CultureInfo.InvariantCulture, $"{applicationOptions.CountyCode}-{itemCode}-{year}-{serial:D6}");
        }, cancellationToken);

    private async Task<string> SignAndStoreAsync(Licence unsigned, string holderName, CancellationToken cancellationToken)
    {
        var key = await keys.PrivateKeyAsync(unsigned.Issuer, cancellationToken)
            ?? throw new InvalidOperationException($"No signing key for issuer {unsigned.Issuer}: set Licences:Issuers:{unsigned.Issuer}:PrivateKey (Key Vault secret licence-key-{unsigned.Issuer}).");
        var licence = unsigned with { Signature = LicenceSigning.Sign(LicencePayload.Of(unsigned, holderName), key) };

        // The PDF first: a licence document that exists always has its file.
        await UploadAsync(licence, holderName, overwrite: true, cancellationToken);
        if (!await licences.TryCreateAsync(licence, cancellationToken))
        {
            // A concurrent try created it first: that one (and its PDF, uploaded before it) stands; ours is redrawn from it.
            var (winner, _) = await licences.GetAsync(licence.Number, cancellationToken);
            await UploadAsync(winner!, holderName, overwrite: true, cancellationToken);
            return await CompleteAsync(winner!, cancellationToken);
        }

        logger.LogInformation("Licence {Number} (v{Version}) issued by {Issuer} for {ApplicationId}.", licence.Number, licence.Version, licence.Issuer, licence.ApplicationId);
        return await CompleteAsync(licence, cancellationToken);
    }

    /// <summary>The holder's list and the expiry index (both idempotent); the file when a crash lost it.</summary>
    private async Task<string> CompleteAsync(Licence licence, CancellationToken cancellationToken)
    {
        await licences.AddToHolderListAsync(licence.OwnerHash, licence.Number, cancellationToken);
        if (licence.ValidUntil is { } until) await licences.AddToExpiryIndexAsync(licence.Number, until, cancellationToken);
        if (!await Files().GetBlobClient(licence.File).ExistsAsync(cancellationToken))
            await UploadAsync(licence, protector.Open<string>(licence.SealedHolder, licence.Number), overwrite: false, cancellationToken);
        return licence.Number;
    }

    private async Task UploadAsync(Licence licence, string holderName, bool overwrite, CancellationToken cancellationToken)
    {
        var pdf = document.Render(LicencePayload.Of(licence, holderName), new LicenceDocument.View(licence.ItemName, licence.IssuerName, licence.Scope, licence.HolderKind));
        try
        {
            await Files().GetBlobClient(licence.File).UploadAsync(new BinaryData(pdf), overwrite, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (!overwrite && e.Status == 409)
        {
            // Written meanwhile by another try: the same licence, the same content.
        }
    }

    /// <summary>The PDFs' blob container.</summary>
    public BlobContainerClient Files() => blobs.GetBlobContainerClient(Data.Licences.LicenceContainers.Files);
}
