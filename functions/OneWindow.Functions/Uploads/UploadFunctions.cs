using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Uploads;
using OneWindow.Functions.Applications;
using OneWindow.Hosting;
using OneWindow.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Uploads;

/// <summary><c>POST /api/uploads</c>: reserves one blob and returns a short-lived, create/write-only SAS URL for it.</summary>
public sealed class UploadFunctions(IUploadStore uploads, ApplicationOptions options, TimeProvider time)
{
    [Function("CreateUpload")]
    // Applicants upload materials; reviewers and chiefs upload what a disclosure answer discloses.
    [Authorize(Roles = PlatformRoles.Applicant + "," + PlatformRoles.Reviewer + "," + PlatformRoles.Chief)]
    public async Task<IResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/uploads")] HttpRequest req, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApplicationHttp.ReadJsonAsync(req, cancellationToken);
        if (problem is not null) return problem;
        var errors = UploadRules.Validate(body, options.UploadMaxBytes, out var value);
        if (errors.Count > 0) return ApplicationHttp.Invalid(errors);
        var (fileName, contentType, size, sha256) = value!.Value;
        var now = time.GetUtcNow();
        var reservation = new UploadReservation
        {
            Id = "upload-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            OwnerHash = ApplicantOwner.HashOf(req.HttpContext.User.Subject()!),
            FileName = fileName,
            ContentType = contentType,
            Size = size,
            Sha256 = sha256,
            CreatedAt = now,
            ExpiresAt = now + options.UploadRetention,
        };
        await uploads.CreateAsync(reservation, cancellationToken);
        // The SAS is checked by storage against real time, whatever the development clock says.
        var urlExpiresAt = TimeProvider.System.GetUtcNow() + options.UploadUrlLifetime;
        var url = await uploads.CreateUploadUrlAsync(reservation.Id, urlExpiresAt, cancellationToken);
        return Results.Json(new { uploadId = reservation.Id, uploadUrl = url.ToString(), expiresAt = urlExpiresAt }, statusCode: StatusCodes.Status201Created);
    }
}
