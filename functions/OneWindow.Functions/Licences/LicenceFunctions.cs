using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Catalog;
using OneWindow.Domain.Licences;
using OneWindow.Functions.Applications;
using OneWindow.Functions.Review;
using OneWindow.Hosting.Identity;

namespace OneWindow.Functions.Licences;

/// <summary>
/// API.md "Licences and delivery": the applicant's licences, one licence and its PDF (holder, supervisors, admins),
/// public verification and public keys, revocation and re-issue (the issuing department's chief, admins).
/// </summary>
public sealed class LicenceFunctions(
    ILicenceStore licences,
    ICatalogStore catalog,
    LicenceKeyRing keys,
    LicenceIssuance issuance,
    PersonalDataProtector protector,
    TimeProvider time,
    ILogger<LicenceFunctions> logger)
{
    public const int MaxReasonLength = 500;
    private const string Managers = PlatformRoles.Chief + "," + PlatformRoles.Admin;

    [Function("ListOwnLicences")]
    [Authorize(Roles = PlatformRoles.Applicant)]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/licences")] HttpRequest req, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var list = new List<Licence>();
        foreach (var number in await licences.GetHolderListAsync(ApplicantOwner.HashOf(req.HttpContext.User.Subject()!), cancellationToken))
        {
            if ((await licences.GetAsync(number, cancellationToken)).Licence is { } licence) list.Add(licence);
        }

        return Results.Json(list.OrderByDescending(l => l.IssuedAt).Select(l => LicenceViews.Entry(l, now)));
    }

    [Function("GetLicence")]
    [Authorize]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/licences/{number}")] HttpRequest req, string number, CancellationToken cancellationToken)
    {
        var (licence, denied) = await ReadableAsync(req.HttpContext.User, number, cancellationToken);
        if (denied is not null) return denied;
        return Results.Json(LicenceViews.Full(licence!, protector.Open<string>(licence!.SealedHolder, licence.Number), time.GetUtcNow()));
    }

    [Function("GetLicenceFile")]
    [Authorize]
    public async Task<IResult> GetFileAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/licences/{number}/file")] HttpRequest req, string number, CancellationToken cancellationToken)
    {
        var (licence, denied) = await ReadableAsync(req.HttpContext.User, number, cancellationToken);
        if (denied is not null) return denied;
        var blob = issuance.Files().GetBlobClient(licence!.File);
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            return Results.File(content.Value.Content.ToArray(), "application/pdf", licence.Number + ".pdf");
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return ApplicationHttp.NotFound($"The file of licence {number} is not there yet; try again shortly.");
        }
    }

    [Function("VerifyLicence")]
    [AllowAnonymous]
    public async Task<IResult> VerifyAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/licences/{number}/verification")] HttpRequest req, string number, CancellationToken cancellationToken)
    {
        var (licence, _) = await licences.GetAsync(number, cancellationToken);
        if (licence is null) return ApplicationHttp.NotFound($"No licence '{number}'.");
        var status = licence.StatusAt(time.GetUtcNow());
        var signed = await SignatureVerifiesAsync(licence, cancellationToken);
        return Results.Json(new { number = licence.Number, valid = signed && status == LicenceStatus.Valid, status, signatureValid = signed, issuer = licence.Issuer, issuedAt = licence.IssuedAt, validUntil = licence.ValidUntil });
    }

    [Function("GetIssuerPublicKey")]
    [AllowAnonymous]
    public async Task<IResult> PublicKeyAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/licences/issuers/{issuer}/public-key")] HttpRequest req, string issuer, CancellationToken cancellationToken)
    {
        if (issuer.Length > 100 || await catalog.GetDepartmentAsync(issuer, cancellationToken) is null) return ApplicationHttp.NotFound($"No issuer '{issuer}'.");
        var key = await keys.PublicKeyAsync(issuer, cancellationToken);
        return key is null
            ? ApplicationHttp.NotFound($"Issuer '{issuer}' has no signing key configured.")
            : Results.Json(new { issuer, algorithm = LicenceSigning.Algorithm, publicKey = key });
    }

    [Function("RevokeLicence")]
    [Authorize(Roles = Managers)]
    public async Task<IResult> RevokeAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/licences/{number}/revocation")] HttpRequest req, string number, CancellationToken cancellationToken)
    {
        var (reason, found, problem) = await ReadManagedAsync(req, number, cancellationToken);
        if (problem is not null) return problem;
        var actor = "user:" + req.HttpContext.User.Subject();
        var now = time.GetUtcNow();
        string? refused = null;
        await licences.UpdateAsync(number, l =>
        {
            refused = l.Status switch
            {
                LicenceStatus.Revoked => $"Licence {number} is already revoked.",
                LicenceStatus.Superseded => $"Licence {number} was superseded by {l.SupersededBy}; revoke that one.",
                _ => null,
            };
            return refused is not null ? null : l with
            {
                Status = LicenceStatus.Revoked,
                RevocationReason = reason,
                Operations = [.. l.Operations, new LicenceOperation(now, "revoked", actor, reason)],
            };
        }, cancellationToken);
        if (refused is not null) return ApplicationHttp.Conflict(refused);
        logger.LogInformation("Licence {Number} of {Issuer} revoked by {Actor}.", number, found!.Issuer, actor);
        return Results.Json(new { number, status = LicenceStatus.Revoked }, statusCode: StatusCodes.Status202Accepted);
    }

    [Function("ReissueLicence")]
    [Authorize(Roles = Managers)]
    public async Task<IResult> ReissueAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/licences/{number}/reissue")] HttpRequest req, string number, CancellationToken cancellationToken)
    {
        var (reason, found, problem) = await ReadManagedAsync(req, number, cancellationToken);
        if (problem is not null) return problem;
        var (next, conflict) = await issuance.ReissueAsync(found!, "user:" + req.HttpContext.User.Subject(), reason!, cancellationToken);
        if (conflict is not null) return ApplicationHttp.Conflict(conflict);
        req.HttpContext.Response.Headers.Location = LicenceViews.Url(next!.Number);
        return Results.Json(new { number = next.Number, version = next.Version, supersedes = number, status = next.StatusAt(time.GetUtcNow()) }, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>The body's reason and the licence, when the caller manages it (an admin, or the chief of its issuer).</summary>
    private async Task<(string? Reason, Licence? Licence, IResult? Problem)> ReadManagedAsync(HttpRequest req, string number, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApplicationHttp.ReadJsonAsync(req, cancellationToken);
        if (problem is not null) return (null, null, problem);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var reason = ReviewRequests.Text((JsonObject)body!, "reason", true, MaxReasonLength, errors);
        if (errors.Count > 0) return (null, null, ApplicationHttp.Invalid(errors));
        var (licence, _) = await licences.GetAsync(number, cancellationToken);
        if (licence is null) return (null, null, ApplicationHttp.NotFound($"No licence '{number}'."));
        var user = req.HttpContext.User;
        if (!user.HasRole(PlatformRoles.Admin) && user.Department() != licence.Issuer)
            return (null, null, ApplicationHttp.Forbidden($"Only the chief of the issuing department ({licence.Issuer}) or an admin manages licence {number}."));
        return (reason, licence, null);
    }

    /// <summary>True only when the stored signature verifies with the issuer's current public key; any failure is false.</summary>
    private async Task<bool> SignatureVerifiesAsync(Licence licence, CancellationToken cancellationToken)
    {
        try
        {
            var key = await keys.PublicKeyAsync(licence.Issuer, cancellationToken);
            return key is not null && LicenceSigning.Verify(LicencePayload.Of(licence, protector.Open<string>(licence.SealedHolder, licence.Number)), key);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Licence {Number}: the stored signature could not be checked; answered invalid.", licence.Number);
            return false;
        }
    }

    /// <summary>
    /// The licence when the caller may read it: the holder (applicant whose licence it is), supervisors and admins; other
    /// applicants are told nothing (404), other roles 403.
    /// </summary>
    private async Task<(Licence? Licence, IResult? Problem)> ReadableAsync(ClaimsPrincipal user, string number, CancellationToken cancellationToken)
    {
        var (licence, _) = await licences.GetAsync(number, cancellationToken);
        return (licence, Access(user, licence));
    }

    private static IResult? Access(ClaimsPrincipal user, Licence? licence)
    {
        if (licence is null) return ApplicationHttp.NotFound("No such licence.");
        if (user.HasRole(PlatformRoles.Supervisor) || user.HasRole(PlatformRoles.Admin)) return null;
        if (user.HasRole(PlatformRoles.Applicant) && licence.OwnerHash == ApplicantOwner.HashOf(user.Subject()!)) return null;
        return user.HasRole(PlatformRoles.Applicant) ? ApplicationHttp.NotFound("No such licence.") : ApplicationHttp.Forbidden("Licences are read by their holder and supervisors.");
    }
}
