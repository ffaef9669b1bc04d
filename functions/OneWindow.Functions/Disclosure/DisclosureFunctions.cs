using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Disclosure;
using OneWindow.Domain.Text;
using OneWindow.Domain.Uploads;
using OneWindow.Functions.Applications;
using OneWindow.Functions.Enquiries;
using OneWindow.Hosting;
using OneWindow.Hosting.Identity;
using OneWindow.Orchestrations.Enquiries;

namespace OneWindow.Functions.Disclosure;

/// <summary>
/// Requests for government information (依申请公开): the applicant's request (idempotent like submissions), its view, and
/// the applicant's clarification when the office asked for one. The office's intake and the holding department's answer
/// are task decisions in the worklist (<c>POST /api/tasks/{taskId}/decision</c>), the extension the chief's
/// (<c>POST /api/tasks/{taskId}/extension</c>), as for licensing.
/// </summary>
public sealed class DisclosureFunctions(IApplicationStore applications, EnquirySubmission submission, IUploadStore uploads, TimeProvider time)
{
    public const int MaxClarificationLength = 4000;

    [Function("SubmitDisclosureRequest")]
    [Authorize(Roles = PlatformRoles.Applicant)]
    public async Task<IResult> SubmitAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/disclosure-requests")] HttpRequest req, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        await SubmissionHttp.SubmitAsync(req, (subject, key, body) => submission.SubmitDisclosureAsync(durable, subject, key, body, cancellationToken), cancellationToken);

    [Function("GetDisclosureRequest")]
    [Authorize]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/disclosure-requests/{id}")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        var application = await FindAsync(id, cancellationToken);
        if (CaseAccess.Check(req.HttpContext.User, application) is { } problem) return problem;

        // The disclosed file is read through a short-lived link to the case's own copy (decision 0015), as materials are.
        var file = application!.Disclosure!.Answer?.File;
        var url = file is null ? null : (await uploads.CreateDownloadUrlAsync(file, TimeProvider.System.GetUtcNow() + ApplicationFunctions.DownloadLinkLifetime, cancellationToken)).ToString();
        return Results.Json(DisclosureViews.Full(application, url));
    }

    /// <summary>
    /// The applicant's clarification: on the case first (the request counts as received again from now, Art. 33), then the
    /// event. A repeat of the same text re-raises it, so a clarification whose event was lost is not stuck.
    /// </summary>
    [Function("ClarifyDisclosureRequest")]
    [Authorize(Roles = PlatformRoles.Applicant)]
    public async Task<IResult> ClarifyAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/disclosure-requests/{id}/clarification")] HttpRequest req, string id, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApplicationHttp.ReadJsonAsync(req, cancellationToken);
        if (invalid is not null) return invalid;
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var text = JsonText.Read(body!.AsObject(), "text", MaxClarificationLength, true, (f, m) => errors[f] = [m], multiline: true);
        if (text is null) return ApplicationHttp.Invalid(errors);

        var application = await FindAsync(id, cancellationToken);
        if (application is null || !CaseAccess.IsOwner(req.HttpContext.User, application)) return ApplicationHttp.NotFound($"No disclosure request '{id}' of yours.");
        var now = time.GetUtcNow();
        var saved = await applications.UpdateAsync(id, a => a.Disclosure is { Clarification: { AnsweredAt: null } c } d && a.Status == DisclosureStatus.ClarificationRequired && now <= c.DueAt
            ? a with
            {
                Status = DisclosureStatus.Received,
                Disclosure = d with { Clarification = c with { Text = text, AnsweredAt = now }, ReceivedAt = now },
            }
            : null, cancellationToken);
        var clarification = saved?.Disclosure?.Clarification;
        if (clarification?.AnsweredAt is not { } answeredAt || clarification.Text != text)
        {
            return clarification switch
            {
                null => ApplicationHttp.Conflict($"Disclosure request {id} was not asked to clarify anything."),
                { AnsweredAt: not null } => ApplicationHttp.Conflict($"Disclosure request {id} was already clarified at {clarification.AnsweredAt:O}."),
                _ => ApplicationHttp.Conflict($"The clarification of request {id} was due by {clarification.DueAt:O}; the request counts as withdrawn."),
            };
        }

        await durable.RaiseEventAsync(id, EnquiryEvents.ClarificationReceived, new ClarificationReceived(answeredAt), cancellationToken);
        return Results.Json(new { id, status = saved!.Status, receivedAt = answeredAt }, statusCode: StatusCodes.Status202Accepted);
    }

    private async Task<ApplicationRecord?> FindAsync(string id, CancellationToken cancellationToken) =>
        await applications.GetAsync(id, cancellationToken) is { Kind: CaseKinds.Disclosure } found ? found : null;
}
