using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OneWindow.Functions.Applications;
using OneWindow.Hosting.Identity;

namespace OneWindow.Functions.Enquiries;

/// <summary>The HTTP side of a disclosure or mailbox submission: Idempotency-Key and body checked, the outcome as 202, 400 or 409.</summary>
internal static class EnquiryHttp
{
    public static async Task<IResult> SubmitAsync(HttpRequest req, Func<string, string, JsonNode, Task<EnquirySubmission.Outcome>> submit, CancellationToken cancellationToken)
    {
        var key = req.Headers["Idempotency-Key"].ToString();
        if (string.IsNullOrWhiteSpace(key)) return ApplicationHttp.Invalid("Idempotency-Key", "The Idempotency-Key header is required.");
        if (key.Length > ApplicationFunctions.MaxIdempotencyKeyLength) return ApplicationHttp.Invalid("Idempotency-Key", $"The Idempotency-Key header must be at most {ApplicationFunctions.MaxIdempotencyKeyLength} characters.");
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
