using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OneWindow.Hosting.Http;

namespace OneWindow.Functions.Applications;

/// <summary>RFC 7807 answers and body reading for the applications, uploads and tracking functions.</summary>
internal static class ApplicationHttp
{
    public static IResult Invalid(IReadOnlyDictionary<string, string[]> errors, string detail = "See errors for the fields to correct.") =>
        Results.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value), detail: detail, title: "Invalid request", type: "https://onewindow.example/problems/validation");

    public static IResult Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult Invalid(Dictionary<string, List<string>> errors) => Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    public static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail, type: "https://onewindow.example/problems/not-found");

    public static IResult Conflict(string detail, string? field = null) => field is null
        ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail, type: "https://onewindow.example/problems/conflict")
        : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail, type: "https://onewindow.example/problems/conflict",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });

    public static IResult Forbidden(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail, type: "https://onewindow.example/problems/forbidden");

    /// <summary>The body as a JSON object, or a 400 problem naming the field (the one reader, <see cref="JsonBody"/>).</summary>
    public static async Task<(JsonNode? Body, IResult? Problem)> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken) =>
        await JsonBody.ReadObjectAsync(request, cancellationToken);
}
