using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Mailbox;
using OneWindow.Domain.Supervision;
using OneWindow.Functions.Applications;
using OneWindow.Functions.Enquiries;
using OneWindow.Functions.Supervision;
using OneWindow.Hosting;
using OneWindow.Hosting.Durable;
using OneWindow.Hosting.Identity;
using OneWindow.Orchestrations.Enquiries;

namespace OneWindow.Functions.Mailbox;

/// <summary>
/// The government mailbox (政府信箱): a letter (consultation, complaint or suggestion; signed or anonymous), its view, the
/// writer's rating of a reply, and the public list of answered suggestions. The office's hand-over and the department's
/// reply are task decisions in the worklist (<c>POST /api/tasks/{taskId}/decision</c>), as for licensing.
/// </summary>
public sealed class MailboxFunctions(IApplicationStore applications, EnquirySubmission submission, IPublicReplyStore publicReplies, CaseEvaluations evaluations, TimeProvider time)
{
    [Function("SubmitMailboxLetter")]
    [Authorize(Roles = PlatformRoles.Applicant)]
    public async Task<IResult> SubmitAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/mailbox")] HttpRequest req, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        await SubmissionHttp.SubmitAsync(req, (subject, key, body) => submission.SubmitLetterAsync(durable, subject, key, body, cancellationToken), cancellationToken);

    /// <summary>Answered suggestions (public, no personal data), newest first; <c>?year=</c> of the reply, the current year by default.</summary>
    [Function("ListPublicMailboxReplies")]
    [AllowAnonymous]
    public async Task<IResult> PublicAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/mailbox/public")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var year = WorkingDayCalendar.ToLocal(time.GetUtcNow()).Year;
        var text = req.Query["year"].ToString();
        if (text.Length > 0 && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) || year is < 2000 or > 2100))
            return ApplicationHttp.Invalid("year", "year must be a year from 2000 to 2100.");
        var list = await publicReplies.ListAsync(year, cancellationToken);
        return Results.Json(list.OrderByDescending(r => r.RepliedAt).Select(MailboxViews.Public));
    }

    [Function("GetMailboxLetter")]
    [Authorize]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/mailbox/{id}")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        var application = await FindAsync(id, cancellationToken);
        return CaseAccess.Check(req.HttpContext.User, application) ?? Results.Json(MailboxViews.Full(application!));
    }

    /// <summary>
    /// The writer rates the latest reply (1–5), once: on the letter first, counted as an evaluation of the departments, then
    /// the event. Before any reply, after the rating period, or a second time: 409. The same rating again re-raises its event.
    /// </summary>
    [Function("RateMailboxReply")]
    [Authorize(Roles = PlatformRoles.Applicant)]
    public async Task<IResult> RateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/mailbox/{id}/rating")] HttpRequest req, string id, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApplicationHttp.ReadJsonAsync(req, cancellationToken);
        if (invalid is not null) return invalid;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var parsed = CaseEvaluations.Parse((JsonObject)body!, errors);
        if (parsed is not { } rating) return ApplicationHttp.Invalid(errors);

        var application = await FindAsync(id, cancellationToken);
        if (application is null || !CaseAccess.IsOwner(req.HttpContext.User, application)) return ApplicationHttp.NotFound($"No mailbox letter '{id}' of yours.");
        var letter = application.Letter!;
        if (letter.Replies.Count == 0) return ApplicationHttp.Conflict($"Letter {id} has no reply yet; a reply can be rated once it is given.");
        var round = letter.Replies[^1].Round;
        var now = time.GetUtcNow();
        var saved = await applications.UpdateAsync(id, a => a.Letter is { } l && l.RatableRound == round
            ? a with { Letter = l with { Ratings = [.. l.Ratings, new MailboxRating(round, rating.Score, rating.Comment, now)] } }
            : null, cancellationToken);
        var recorded = saved?.Letter?.Ratings.FirstOrDefault(r => r.Round == round);
        if (recorded is null) return ApplicationHttp.Conflict($"The rating period of letter {id}'s reply has ended.");
        if (recorded.At != now && (recorded.Score != rating.Score || recorded.Comment != rating.Comment))
            return ApplicationHttp.Conflict($"The reply (round {round}) of letter {id} has been rated already.");

        // The rating counts like any evaluation: satisfaction of the department, and a follow-up when it is poor.
        var evaluationId = Evaluation.IdOf(id) + (round > 1 ? $"-r{round}" : "");
        await evaluations.RecordAsync(evaluationId, saved!, recorded.Score, recorded.Comment, [letter.Replies[^1].Department], cancellationToken);
        try
        {
            await durable.RaiseEventAsync(id, EnquiryEvents.LetterRated, new LetterRated(round, recorded.Score), cancellationToken);
        }
        catch (InstanceNotRunningException)
        {
            // The letter closed meanwhile (its period ended with this rating already on it): nothing waits for the event.
        }

        return Results.Json(new { id, round, score = recorded.Score, comment = recorded.Comment, at = recorded.At }, statusCode: StatusCodes.Status201Created);
    }

    private async Task<ApplicationRecord?> FindAsync(string id, CancellationToken cancellationToken) =>
        await applications.GetAsync(id, cancellationToken) is { Kind: CaseKinds.Mailbox } found ? found : null;
}
