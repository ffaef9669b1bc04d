using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using OneWindow.Functions.Applications;

namespace OneWindow.Functions.Platform;

/// <summary>
/// The API as functions, so Azure serves it too: <c>/api/openapi.json</c> built from the functions' own declarations
/// (<see cref="FunctionOpenApiDocument"/>), and the browsable reference at <c>/api/docs</c> (Scalar's page and scripts,
/// served from the Scalar.AspNetCore package, nothing from a CDN). The document's servers come from configuration
/// (<c>OpenApi:Servers:0</c>, ...), never from the request.
/// </summary>
public sealed class ApiReferenceFunctions(IConfiguration configuration)
{
    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["scalar.js"] = "text/javascript; charset=utf-8",
        ["scalar.aspnetcore.js"] = "text/javascript; charset=utf-8",
        ["favicon.svg"] = "image/svg+xml",
    };

    private static readonly JsonSerializerOptions DocumentJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string? document;

    private const string Page = """
        <!doctype html>
        <html lang="zh-CN">
        <head>
            <title>OneWindow API</title>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
        </head>
        <body>
            <div id="app"></div>
            <script src="/api/docs/scalar.js"></script>
            <script type="module">
                import { initialize } from '/api/docs/scalar.aspnetcore.js'
                initialize('%2Fapi%2Fdocs', false, {"favicon":"/api/docs/favicon.svg","_integration":"dotnet","sources":[{"title":"OneWindow","url":"api/openapi.json"}]}, '')
            </script>
        </body>
        </html>
        """;

    private const string ScriptStart = "<script type=\"module\">";

    /// <summary>
    /// The page's own policy: its scripts and styles from this origin, its one inline module by hash, nothing framing it
    /// (every other answer gets <see cref="OneWindow.Hosting.Http.SecurityHeaders.DataContentSecurityPolicy"/>).
    /// </summary>
    private static readonly string PagePolicy =
        "default-src 'self'; script-src 'self' 'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(
            Page[(Page.IndexOf(ScriptStart, StringComparison.Ordinal) + ScriptStart.Length)..Page.IndexOf("</script>", Page.IndexOf(ScriptStart, StringComparison.Ordinal), StringComparison.Ordinal)])))
        + "'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    [Function("OpenApiDocument")]
    [AllowAnonymous]
    public IResult OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/openapi.json")] HttpRequest req)
    {
        document ??= FunctionOpenApiDocument.Build(configuration.GetSection("OpenApi:Servers").Get<string[]>() ?? [], typeof(OneWindowApp).Assembly).ToJsonString(DocumentJson);
        return Results.Text(document, "application/json; charset=utf-8", Encoding.UTF8);
    }

    [Function("ApiReference")]
    [AllowAnonymous]
    public IResult Reference([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/docs")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        req.HttpContext.Response.Headers.ContentSecurityPolicy = PagePolicy;
        return Results.Text(Page, "text/html; charset=utf-8", Encoding.UTF8);
    }

    [Function("ApiReferenceAsset")]
    [AllowAnonymous]
    public IResult Asset([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/docs/{file}")] HttpRequest req, string file)
    {
        if (!Assets.TryGetValue(file, out var contentType)) return ApplicationHttp.NotFound($"No asset '{file}' in the API reference.");
        var stream = typeof(Scalar.AspNetCore.ScalarOptions).Assembly.GetManifestResourceStream("ScalarStaticAssets." + file);
        // The package embeds its assets gzip-compressed: served plain, so any client can read them.
        return stream is null ? ApplicationHttp.NotFound($"No asset '{file}' in the API reference.") : Results.Stream(new GZipStream(stream, CompressionMode.Decompress), contentType);
    }
}
