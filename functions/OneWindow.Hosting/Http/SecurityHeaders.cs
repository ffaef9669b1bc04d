using Microsoft.AspNetCore.Http;

namespace OneWindow.Hosting.Http;

/// <summary>
/// The headers every answer of the API carries (issue 15): no sniffing, no framing, no referrer, nothing stored by a
/// browser or a proxy (answers carry personal data and tokens). A value the function set itself is kept: the API
/// reference page sets the content security policy its scripts need.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy of answers that are data, not pages: they load nothing and may not be framed.</summary>
    public const string DataContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>Registers the headers on <paramref name="response"/>; they are written when it starts, after the function and any error answer.</summary>
    public static void AddOnStarting(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.OnStarting(static state =>
        {
            Apply(((HttpResponse)state).Headers);
            return Task.CompletedTask;
        }, response);
    }

    /// <summary>Sets each header <paramref name="headers"/> does not have yet.</summary>
    public static void Apply(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        SetIfMissing(headers, "X-Content-Type-Options", "nosniff");
        SetIfMissing(headers, "X-Frame-Options", "DENY");
        SetIfMissing(headers, "Referrer-Policy", "no-referrer");
        SetIfMissing(headers, "Content-Security-Policy", DataContentSecurityPolicy);
        SetIfMissing(headers, "Cache-Control", "no-store");
        headers.Remove("Server");
    }

    private static void SetIfMissing(IHeaderDictionary headers, string name, string value)
    {
        if (!headers.ContainsKey(name)) headers[name] = value;
    }
}
