using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using OneWindow.Hosting.Http;

namespace OneWindow.Functions.Catalog;

/// <summary>JSON and RFC 7807 plumbing shared by the catalog and admin functions.</summary>
internal static class CatalogHttp
{
    // The encoding of every other answer (ASP.NET Core's JSON options): Chinese as UTF-8, not \u escapes.
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static IResult Ok(object value) => Results.Json(value, Json);

    public static IResult NotFound(string what) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: what, type: "https://onewindow.example/problems/not-found");

    public static IResult Invalid(IReadOnlyDictionary<string, string[]> errors, string detail = "See errors for the fields to correct.") =>
        Results.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value), detail: detail, title: "Invalid request", type: "https://onewindow.example/problems/validation");

    /// <summary>
    /// Reads a JSON object body into <typeparamref name="T"/>, filling <paramref name="routeKey"/> from the route when the body
    /// omits it. Returns the value or a 400 problem naming what is wrong (read by <see cref="JsonBody"/>: no parser messages).
    /// </summary>
    public static async Task<(T? Value, IResult? Problem)> ReadBodyAsync<T>(HttpRequest request, string? routeCode, CancellationToken cancellationToken, string routeKey = "code")
        where T : class
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request, cancellationToken);
        if (problem is not null) return (null, problem);
        if (routeCode is not null && !body!.ContainsKey(routeKey)) body[routeKey] = routeKey == "year" && int.TryParse(routeCode, out var year) ? year : routeCode;
        return JsonBody.Deserialize<T>(body!, Json);
    }
}
