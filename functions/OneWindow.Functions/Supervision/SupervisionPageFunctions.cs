using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using OneWindow.Functions.Applications;

namespace OneWindow.Functions.Supervision;

/// <summary>
/// The supervisor's web page at <c>/supervision/</c>: static files embedded in the app (wwwroot/supervision, no build
/// step) and served by an HTTP function, so Azure's Functions host serves it exactly as the local host does (as
/// <c>/api/docs</c> is). The page is public; every call it makes carries the token the user signs in with.
/// </summary>
public sealed class SupervisionPageFunctions
{
    /// <summary>The page's policy: its scripts, styles and calls from this origin only, no inline script, not framed.</summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["app.js"] = "text/javascript; charset=utf-8",
        ["app.css"] = "text/css; charset=utf-8",
    };

    [Function("SupervisionPage")]
    [AllowAnonymous]
    public IResult Page([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "supervision/{*file}")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);

        // The catch-all value is read from the route, not bound as a parameter (the local host binds plain route values only).
        var file = req.RouteValues.TryGetValue("file", out var value) ? value?.ToString() : null;
        var name = string.IsNullOrEmpty(file) ? "index.html" : file;

        // The page's relative links need the trailing slash.
        if (string.IsNullOrEmpty(file) && !req.Path.Value!.EndsWith('/')) return Results.Redirect("/supervision/");
        if (!Files.TryGetValue(name, out var contentType)) return ApplicationHttp.NotFound($"No file '{name}' in the supervision page.");
        var stream = typeof(SupervisionPageFunctions).Assembly.GetManifestResourceStream("wwwroot/supervision/" + name);
        if (stream is null) return ApplicationHttp.NotFound($"No file '{name}' in the supervision page.");
        req.HttpContext.Response.Headers.ContentSecurityPolicy = PagePolicy;
        return Results.Stream(stream, contentType);
    }
}
