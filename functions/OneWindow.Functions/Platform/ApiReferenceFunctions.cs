using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using OneWindow.Functions.Applications;

namespace OneWindow.Functions.Platform;

/// <summary>
/// The API as functions, so Azure serves it too: <c>/api/openapi.json</c> built from the functions' own declarations
/// (<see cref="FunctionOpenApiDocument"/>), and the browsable reference at <c>/api/docs</c> (Scalar's page and scripts,
/// served from the Scalar.AspNetCore package, nothing from a CDN).
/// </summary>
public sealed class ApiReferenceFunctions
{
    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["scalar.js"] = "text/javascript; charset=utf-8",
        ["scalar.aspnetcore.js"] = "text/javascript; charset=utf-8",
        ["favicon.svg"] = "image/svg+xml",
    };

    private static readonly Lazy<string> Document = new(() => FunctionOpenApiDocument.Build(typeof(OneWindowApp).Assembly).ToJsonString());

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

    [Function("OpenApiDocument")]
    [AllowAnonymous]
    public IResult OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/openapi.json")] HttpRequest req) =>
        Results.Text(Document.Value, "application/json; charset=utf-8", Encoding.UTF8);

    [Function("ApiReference")]
    [AllowAnonymous]
    public IResult Reference([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/docs")] HttpRequest req) =>
        Results.Text(Page, "text/html; charset=utf-8", Encoding.UTF8);

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
