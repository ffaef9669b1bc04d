using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Uploads;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using OneWindow.Hosting.Durable;
using OneWindow.Functions.Uploads;
using OneWindow.Hosting;
using OneWindow.Hosting.Identity;
using OneWindow.Orchestrations.Applications;
using Microsoft.Azure.Functions.Worker;

using OneWindow.Functions.Review;

namespace OneWindow.Functions.Applications;

/// <summary>
/// API.md "Applications": submission, one application, the applicant's own list, the clerk's acceptance decision and
/// the applicant's corrections. Decisions and corrections reach the orchestration as external events.
/// </summary>
public sealed class ApplicationFunctions(
    IApplicationStore applications,
    ApplicationSubmission submission,
    UploadVerification verification,
    IUploadStore uploads,
    PersonalDataProtector protector,
    TimeProvider time)
{
    public const int MaxNoteLength = 1000;

    [Function("SubmitApplication")]
    [Authorize(Roles = PlatformRoles.Applicant)]
    public Task<IResult> SubmitAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/applications")] HttpRequest req, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        SubmissionHttp.SubmitAsync(req, (subject, key, body) => submission.SubmitAsync(durable, subject, key, body, cancellationToken), cancellationToken);

    [Function("GetApplication")]
    [Authorize]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/applications/{id}")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        var application = await applications.GetAsync(id, cancellationToken);
        var access = CaseAccess.Check(req.HttpContext.User, application);
        if (access is not null) return access;

        // Links to the case's fixed copies (decision 0015), for an hour of real time (storage checks SAS expiry).
        var links = new Dictionary<SubmittedMaterial, string>();
        var expiresAt = TimeProvider.System.GetUtcNow() + DownloadLinkLifetime;
        foreach (var material in application!.Materials.Concat(application.Corrections.SelectMany(c => c.Materials)).Distinct())
        {
            links[material] = (await uploads.CreateDownloadUrlAsync(material, expiresAt, cancellationToken)).ToString();
        }

        // The pickup code collects the licences: only the applicant sees it (the clerk checks it, never reads it).
        var own = CaseAccess.IsOwner(req.HttpContext.User, application);
        var pickupCode = own && application.Delivery?.SealedPickupCode is { } sealedCode ? protector.Open<string>(sealedCode, application.Id) : null;
        return Results.Json(ApplicationViews.Full(application, links, pickupCode));
    }

    /// <summary>How long the download links of the case view work.</summary>
    public static readonly TimeSpan DownloadLinkLifetime = TimeSpan.FromHours(1);

    [Function("ListOwnApplications")]
    [Authorize(Roles = PlatformRoles.Applicant)]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/applications")] HttpRequest req, CancellationToken cancellationToken)
    {
        var list = await applications.GetApplicantListAsync(ApplicantOwner.HashOf(req.HttpContext.User.Subject()!), cancellationToken);
        return Results.Json(list.OrderByDescending(e => e.SubmittedAt).Select(ApplicationViews.Entry));
    }

    [Function("DecideAcceptance")]
    [Authorize(Roles = PlatformRoles.Clerk)]
    public async Task<IResult> DecideAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/applications/{id}/acceptance")] HttpRequest req, string id, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApplicationHttp.ReadJsonAsync(req, cancellationToken);
        if (problem is not null) return problem;
        var decision = AcceptanceDecisionValidation.Validate(body, out var errors);
        if (decision is null) return ApplicationHttp.Invalid(errors);
        var application = await applications.GetAsync(id, cancellationToken);
        if (application is null) return ApplicationHttp.NotFound($"No application '{id}'.");
        var deferredErrors = new Dictionary<string, List<string>>();
        for (var i = 0; i < decision.DeferredMaterials.Count; i++)
        {
            if (!application.RequiredMaterials.Contains(decision.DeferredMaterials[i]))
                deferredErrors[$"deferredMaterials[{i}]"] = [$"'{decision.DeferredMaterials[i]}' is not a required material of this application."];
        }

        if (deferredErrors.Count > 0) return ApplicationHttp.Invalid(deferredErrors);

        // Claim the pending decision with an ETag-guarded write so two clerks (or the 5-day timer) cannot both decide;
        // the claimed decision is stored with the claim until its event is raised.
        AcceptanceDecision? claimed = null, pending = null;
        await applications.UpdateAsync(id, a =>
        {
            claimed = pending = null;
            if (a.AwaitingDecision)
            {
                claimed = decision with { Round = AcceptanceDecision.RoundOf(a) };
                return a with { AwaitingDecision = false, PendingAcceptance = claimed };
            }

            if (a.PendingAcceptance is { } stored && a.Status == ApplicationStatusNames.ToWire(ApplicationStatus.Submitted)) pending = stored;
            return null;
        }, cancellationToken);
        if (claimed is null)
        {
            // The same decision again while its event may not have reached the orchestration (the host died between the
            // claim and the raise): raise it again. A duplicate is ignored by the orchestration: its round is over.
            if (pending is null || !SameDecision(pending, decision))
                return ApplicationHttp.Conflict($"Application {id} is not waiting for an acceptance decision (status {application.Status}).");
            await durable.RaiseEventAsync(id, ApplicationEvents.AcceptanceDecision, pending, cancellationToken);
            return Results.Json(new { id, decision = pending.Decision }, statusCode: StatusCodes.Status202Accepted);
        }

        try
        {
            await durable.RaiseEventAsync(id, ApplicationEvents.AcceptanceDecision, claimed, cancellationToken);
        }
        catch
        {
            // The event did not reach the orchestration: give the claim back so the clerk can decide again.
            await applications.UpdateAsync(id, a => a.Status == application.Status && !a.AwaitingDecision ? a with { AwaitingDecision = true, PendingAcceptance = null } : null, CancellationToken.None);
            throw;
        }

        await applications.UpdateAsync(id, a => a.PendingAcceptance is not null ? a with { PendingAcceptance = null } : null, CancellationToken.None);
        return Results.Json(new { id, decision = decision.Decision }, statusCode: StatusCodes.Status202Accepted);
    }

    private static bool SameDecision(AcceptanceDecision left, AcceptanceDecision right) =>
        System.Text.Json.JsonSerializer.Serialize(left with { Round = 0 }) == System.Text.Json.JsonSerializer.Serialize(right with { Round = 0 });

    [Function("SubmitCorrection")]
    [Authorize(Roles = PlatformRoles.Applicant)]
    public async Task<IResult> CorrectAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/applications/{id}/corrections")] HttpRequest req, string id, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApplicationHttp.ReadJsonAsync(req, cancellationToken);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string f, string m) { if (!errors.TryGetValue(f, out var l)) errors[f] = l = []; l.Add(m); }
        var root = (JsonObject)body!;
        var correctionId = root["correctionId"] is JsonValue cv && cv.TryGetValue<string>(out var c) && c.Length is > 0 and <= 64 ? c : null;
        if (correctionId is null) Add("correctionId", "correctionId is required: the id of the correction notice answered.");
        var materials = new List<MaterialReference>();
        if (root["materials"] is JsonArray ms && ms.Count is > 0 and <= SubmissionValidation.MaxMaterials)
        {
            for (var i = 0; i < ms.Count; i++)
            {
                if (ms[i] is not JsonObject m) { Add($"materials[{i}]", "Each material must be an object {code, uploadId}."); continue; }
                var code = m["code"] is JsonValue a && a.TryGetValue<string>(out var s1) && s1.Length is > 0 and <= SubmissionValidation.MaxCodeLength ? s1 : null;
                var upload = m["uploadId"] is JsonValue b && b.TryGetValue<string>(out var s2) && s2.Length is > 0 and <= SubmissionValidation.MaxCodeLength ? s2 : null;
                if (code is null) Add($"materials[{i}].code", "code is required, a material code.");
                if (upload is null) Add($"materials[{i}].uploadId", "uploadId is required, an upload of yours.");
                if (code is not null && upload is not null) materials.Add(new MaterialReference(code, upload));
            }
        }
        else Add("materials", $"materials is required: 1 to {SubmissionValidation.MaxMaterials} corrected materials {{code, uploadId}}.");

        string? note = null;
        if (root["note"] is not null)
        {
            note = root["note"] is JsonValue nv && nv.TryGetValue<string>(out var n) ? n : null;
            if (note is null) Add("note", "note must be a string.");
            else if (note.Length > MaxNoteLength) Add("note", $"note must be at most {MaxNoteLength} characters.");
        }

        if (errors.Count > 0) return ApplicationHttp.Invalid(errors);
        var application = await applications.GetAsync(id, cancellationToken);
        var owner = ApplicantOwner.HashOf(req.HttpContext.User.Subject()!);
        if (application is null || application.OwnerHash != owner) return ApplicationHttp.NotFound($"No application '{id}' of yours.");
        var correction = application.Corrections.FirstOrDefault(x => x.Id == correctionId);
        if (correction is null) return ApplicationHttp.Invalid("correctionId", $"Application {id} has no correction notice '{correctionId}'.");
        if (correction.Status != CorrectionRequest.Open) return ApplicationHttp.Conflict($"The correction notice {correctionId} was already answered.", "correctionId");
        var codes = application.RequiredMaterials.Concat(application.Materials.Select(m => m.Code)).Concat(correction.Items.Select(x => x.MaterialCode).OfType<string>()).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < materials.Count; i++)
        {
            if (!codes.Contains(materials[i].Code)) Add($"materials[{i}].code", $"'{materials[i].Code}' is not a material of this application.");
        }

        if (errors.Count > 0) return ApplicationHttp.Invalid(errors);
        var verified = await verification.VerifyAsync(materials, owner, id, errors, cancellationToken);
        if (errors.Count > 0) return ApplicationHttp.Invalid(errors);

        var sealedNote = note is null ? null : protector.Seal(note, id);
        var recorded = false;
        await applications.UpdateAsync(id, a =>
        {
            var open = a.Corrections.FirstOrDefault(x => x.Id == correctionId && x.Status == CorrectionRequest.Open);
            recorded = open is not null;
            return open is null ? null : a with
            {
                Corrections = a.Corrections.Select(x => x.Id == correctionId
                    ? x with { Status = CorrectionRequest.Submitted, Materials = verified, SealedNote = sealedNote, AnsweredAt = time.GetUtcNow() }
                    : x).ToArray(),
            };
        }, cancellationToken);
        if (!recorded) return ApplicationHttp.Conflict($"The correction notice {correctionId} was already answered.", "correctionId");
        foreach (var material in verified) await uploads.MarkUsedAsync(material.UploadId, id, cancellationToken);
        if (correctionId == CorrectionRequest.DeferredId)
        {
            // 容缺受理: the deferred materials' watch waits for this answer, not the case (which reviews on meanwhile).
            return await DeferredMaterialsAnswer.RaiseAsync(durable, id, cancellationToken)
                ? Results.Json(new { id, correctionId }, statusCode: StatusCodes.Status202Accepted)
                : ApplicationHttp.Conflict($"The deferred materials of application {id} can no longer be supplied: the case has ended.", "correctionId");
        }

        await durable.RaiseEventAsync(id, ApplicationEvents.CorrectionSubmitted, new CorrectionSubmitted(correctionId!), cancellationToken);
        return Results.Json(new { id, correctionId }, statusCode: StatusCodes.Status202Accepted);
    }
}
