using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OneWindow.Hosting.Identity;

namespace OneWindow.Functions.Applications;

/// <summary>
/// The HTTP side of every submission route (applications, disclosure requests, mailbox letters): the Idempotency-Key and
/// the body checked, then the outcome as <c>202 {id, number, status, statusUrl}</c> with a Location header, 400 or 409.
/// </summary>
internal static class SubmissionHttp
{
    public const int MaxIdempotencyKeyLength = 100;

    /// <summary>Runs <paramref name="submit"/> (caller's subject, key, body) once the key and body are read.</summary>
    public static async Task<IResult> SubmitAsync(HttpRequest req, Func<string, string, JsonNode, Task<SubmissionOutcome>> submit, CancellationToken cancellationToken)
    {
        var key = req.Headers["Idempotency-Key"].ToString();
        if (string.IsNullOrWhiteSpace(key)) return ApplicationHttp.Invalid("Idempotency-Key", "The Idempotency-Key header is required.");
        if (key.Length > MaxIdempotencyKeyLength) return ApplicationHttp.Invalid("Idempotency-Key", $"The Idempotency-Key header must be at most {MaxIdempotencyKeyLength} characters.");
        var (body, problem) = await ApplicationHttp.ReadJsonAsync(req, cancellationToken);
        if (problem is not null) return problem;
        var outcome = await submit(req.HttpContext.User.Subject()!, key, body!);
        if (outcome.Conflict is not null) return ApplicationHttp.Conflict(outcome.Conflict, "Idempotency-Key");
        if (outcome.Errors is not null) return ApplicationHttp.Invalid(outcome.Errors);
        var answer = outcome.Answer!;
        req.HttpContext.Response.Headers.Location = answer.StatusUrl;
        return Results.Json(new { id = answer.Id, number = answer.Number, status = answer.Status, statusUrl = answer.StatusUrl }, statusCode: StatusCodes.Status202Accepted);
    }
}
