using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Supervision;
using OneWindow.Domain.Text;
using OneWindow.Functions.Applications;
using OneWindow.Hosting.Identity;

namespace OneWindow.Functions.Supervision;

/// <summary>
/// Evaluations (好差评, API.md "Licences and delivery" and "Supervision"): the applicant rates a decided case once; the
/// rating counts for the window and every department of the case; a score of 1 or 2 opens a follow-up that a
/// supervisor closes with a note.
/// </summary>
public sealed class EvaluationFunctions(IApplicationStore applications, IEvaluationStore evaluations, CaseEvaluations recorder, TimeProvider time)
{
    /// <summary>Longest comment or follow-up note.</summary>
    public const int MaxTextLength = CaseEvaluations.MaxTextLength;

    /// <summary>Case statuses after a decision: the ones a rating may follow.</summary>
    public static readonly IReadOnlySet<string> Decided = new HashSet<string>(StringComparer.Ordinal) { "approved", "rejected", "delivered", "answered" };

    [Function("EvaluateApplication")]
    [Authorize(Roles = PlatformRoles.Applicant)]
    public async Task<IResult> EvaluateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/applications/{id}/evaluation")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (body, problem) = await ApplicationHttp.ReadJsonAsync(req, cancellationToken);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var rating = CaseEvaluations.Parse((JsonObject)body!, errors);
        if (errors.Count > 0) return ApplicationHttp.Invalid(errors);
        var application = await applications.GetAsync(id, cancellationToken);
        if (application is null || application.OwnerHash != ApplicantOwner.HashOf(req.HttpContext.User.Subject()!)) return ApplicationHttp.NotFound($"No application '{id}' of yours.");
        if (application.Kind == CaseKinds.Mailbox) return ApplicationHttp.Conflict($"Case {id} is a mailbox letter: rate its reply at /api/mailbox/{id}/rating.");
        if (!Decided.Contains(application.Status))
            return ApplicationHttp.Invalid("score", $"Application {id} can be rated once it is decided; it is {application.Status}.");

        var (evaluation, created) = await recorder.RecordAsync(Evaluation.IdOf(id), application, rating!.Value.Score, rating.Value.Comment,
            application.Stages.SelectMany(st => st.Tasks).Select(t => t.Department), cancellationToken);
        if (!created) return ApplicationHttp.Conflict($"Application {id} has been rated already.");
        return Results.Json(View(evaluation), statusCode: StatusCodes.Status201Created);
    }

    [Function("ListEvaluations")]
    [Authorize(Roles = PlatformRoles.Supervisor)]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/supervision/evaluations")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var text = req.Query["maxScore"].ToString();
        var maxScore = 5;
        if (text.Length > 0 && (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out maxScore) || maxScore is < 1 or > 5))
            return ApplicationHttp.Invalid("maxScore", "maxScore must be a whole number from 1 to 5.");
        var list = await evaluations.ListAsync(maxScore, cancellationToken);
        return Results.Json(list.OrderByDescending(e => e.SubmittedAt).Select(View));
    }

    [Function("CloseEvaluationFollowUp")]
    [Authorize(Roles = PlatformRoles.Supervisor)]
    public async Task<IResult> FollowUpAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/supervision/evaluations/{evaluationId}/follow-up")] HttpRequest req, string evaluationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (body, problem) = await ApplicationHttp.ReadJsonAsync(req, cancellationToken);
        if (problem is not null) return problem;
        var note = ((JsonObject)body!)["note"] is JsonValue nv && nv.TryGetValue<string>(out var n) ? n : null;
        var error = InputText.Check(note, MaxTextLength, "note");
        if (error is not null) return ApplicationHttp.Invalid("note", error);
        var current = await evaluations.GetAsync(evaluationId, cancellationToken);
        if (current is null) return ApplicationHttp.NotFound($"No evaluation '{evaluationId}'.");
        if (current.FollowUp is null) return ApplicationHttp.Conflict($"Evaluation {evaluationId} scored {current.Score}: it has no follow-up (only scores up to {Evaluation.FollowUpAtMost} open one).");
        var (saved, closed) = await evaluations.CloseFollowUpAsync(evaluationId,
            new EvaluationFollowUp(EvaluationFollowUp.Closed, note, time.GetUtcNow(), "user:" + req.HttpContext.User.Subject()), cancellationToken);
        if (!closed) return ApplicationHttp.Conflict($"The follow-up of evaluation {evaluationId} is closed already.");
        return Results.Json(View(saved!), statusCode: StatusCodes.Status202Accepted);
    }

    private static object View(Evaluation e) => new
    {
        evaluationId = e.Id,
        applicationId = e.ApplicationId,
        number = e.Number,
        score = e.Score,
        comment = e.Comment,
        departments = e.Departments,
        submittedAt = e.SubmittedAt,
        followUp = e.FollowUp is null ? null : new { status = e.FollowUp.Status, note = e.FollowUp.Note, closedAt = e.FollowUp.ClosedAt },
    };
}
