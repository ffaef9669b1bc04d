using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace OneWindow.Functions.Middleware;

/// <summary>One token bucket: <see cref="TokenLimit"/> requests at once, refilled by <see cref="TokensPerPeriod"/> every <see cref="Period"/>.</summary>
public sealed record RateLimitPolicy(int TokenLimit, int TokensPerPeriod, TimeSpan Period);

/// <summary>
/// The rate limits of HTTP functions (<c>RateLimiting:*</c>), read by <see cref="RateLimitMiddleware"/>. Each function
/// named in <see cref="Functions"/> takes a token from its policy's bucket per request, the bucket being the caller's
/// token subject when it authenticates, else the client address. <see cref="CredentialFailures"/> is a bucket per address
/// that each 401 to an unauthenticated caller empties by one: while it is empty, that address's requests carrying
/// credentials that do not authenticate (a bearer token, a webhook signature) are refused before anything checks them.
/// Buckets live in each instance's memory: with N instances the platform-wide limit is up to N times these.
/// </summary>
/// <param name="Enabled"><c>RateLimiting:Enabled</c>, true by default.</param>
/// <param name="ForwardedHops">
/// <c>RateLimiting:ForwardedHops</c>: how many proxies in front of the app append to <c>X-Forwarded-For</c>; the client
/// address is that many entries from the right (entries further left are the client's own claims). 0 (the default) uses
/// the connection's address; in Azure it is 1 (the front end appends the address it saw; the Functions host forwards the
/// header to the worker unchanged).
/// </param>
/// <param name="Policies">Token buckets by name (<c>RateLimiting:Policies:&lt;name&gt;</c>).</param>
/// <param name="Functions">The policy of each limited function, by function name (<c>RateLimiting:Functions:&lt;FunctionName&gt;</c>).</param>
/// <param name="CredentialFailures">The bucket of 401s per address (<c>RateLimiting:CredentialFailures</c>).</param>
public sealed record RateLimitOptions(
    bool Enabled,
    int ForwardedHops,
    IReadOnlyDictionary<string, RateLimitPolicy> Policies,
    IReadOnlyDictionary<string, string> Functions,
    RateLimitPolicy CredentialFailures)
{
    /// <summary>The policy name that exempts a function named in <c>RateLimiting:Functions</c>.</summary>
    public const string None = "none";

    /// <summary>
    /// Defaults: flood guards sized above the applications benchmark (500 users at 5–15 s think time, all from one address;
    /// 16 clients submitting as fast as the platform answers), well below what one client can send.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, RateLimitPolicy> DefaultPolicies = new Dictionary<string, RateLimitPolicy>(StringComparer.Ordinal)
    {
        // Reads anyone may make: catalog, tracking, the API's own description. Many citizens may share one address.
        ["public"] = new(100, 10, TimeSpan.FromSeconds(1)),
        ["submission"] = new(60, 5, TimeSpan.FromSeconds(1)),
        ["uploads"] = new(120, 10, TimeSpan.FromSeconds(1)),
        ["webhooks"] = new(120, 10, TimeSpan.FromSeconds(1)),
    };

    /// <summary>Which function takes from which policy; a function not named here is not limited (its failures still count).</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultFunctions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SubmitApplication"] = "submission",
        ["SubmitCorrection"] = "submission",
        ["SubmitDisclosureRequest"] = "submission",
        ["ClarifyDisclosureRequest"] = "submission",
        ["SubmitMailboxLetter"] = "submission",
        ["RateMailboxReply"] = "submission",
        ["CreateUpload"] = "uploads",
        ["ReceiveDepartmentWebhook"] = "webhooks",
        ["ReceivePaymentWebhook"] = "webhooks",
        ["GetPaymentNotice"] = "webhooks",
        ["ReceiveCourierWebhook"] = "webhooks",
        ["ReceiveSmsReceipt"] = "webhooks",
        ["CatalogItems"] = "public",
        ["CatalogItem"] = "public",
        ["CatalogMaterialList"] = "public",
        ["CatalogItemPlan"] = "public",
        ["CatalogPackages"] = "public",
        ["CatalogPackage"] = "public",
        ["CatalogPackagePlan"] = "public",
        ["TrackApplication"] = "public",
        ["ListPublicMailboxReplies"] = "public",
        ["VerifyLicence"] = "public",
        ["GetIssuerPublicKey"] = "public",
        ["OpenApiDocument"] = "public",
        ["ApiReference"] = "public",
        ["ApiReferenceAsset"] = "public",
        ["SupervisionPage"] = "public",
    };

    /// <summary>20 failures at once, then one every 3 s.</summary>
    public static readonly RateLimitPolicy DefaultCredentialFailures = new(20, 1, TimeSpan.FromSeconds(3));

    /// <summary>The policy of <paramref name="function"/>, or null when it is not limited.</summary>
    public RateLimitPolicy? PolicyOf(string function, out string? name)
    {
        name = Functions.TryGetValue(function, out var named) && named != None ? named : null;
        return name is null ? null : Policies[name];
    }

    /// <summary>
    /// Reads <c>RateLimiting</c>: <c>Enabled</c>, <c>ForwardedHops</c>, <c>Policies:&lt;name&gt;:{TokenLimit, TokensPerPeriod,
    /// Period}</c> (each key falls back to the default policy's, new names allowed), <c>Functions:&lt;FunctionName&gt;</c> =
    /// a policy name or <c>none</c>, and <c>CredentialFailures:{...}</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A function names a policy that does not exist, or a policy is not positive.</exception>
    public static RateLimitOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("RateLimiting");
        var policies = new Dictionary<string, RateLimitPolicy>(DefaultPolicies, StringComparer.Ordinal);
        foreach (var child in section.GetSection("Policies").GetChildren())
        {
            policies[child.Key] = Policy(child, policies.GetValueOrDefault(child.Key), $"RateLimiting:Policies:{child.Key}");
        }

        var functions = new Dictionary<string, string>(DefaultFunctions, StringComparer.Ordinal);
        foreach (var child in section.GetSection("Functions").GetChildren())
        {
            if (string.IsNullOrWhiteSpace(child.Value)) continue;
            if (child.Value != None && !policies.ContainsKey(child.Value))
            {
                throw new InvalidOperationException($"RateLimiting:Functions:{child.Key} names policy '{child.Value}', which RateLimiting:Policies does not define.");
            }

            functions[child.Key] = child.Value;
        }

        return new RateLimitOptions(
            !bool.TryParse(section["Enabled"], out var enabled) || enabled,
            int.TryParse(section["ForwardedHops"], NumberStyles.None, CultureInfo.InvariantCulture, out var hops) ? hops : 0,
            policies,
            functions,
            Policy(section.GetSection("CredentialFailures"), DefaultCredentialFailures, "RateLimiting:CredentialFailures"));
    }

    private static RateLimitPolicy Policy(IConfigurationSection section, RateLimitPolicy? fallback, string path)
    {
        int Count(string key, int? fallbackValue) =>
            int.TryParse(section[key], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
            : fallbackValue ?? throw new InvalidOperationException($"{path}:{key} must be a positive whole number.");
        var period = TimeSpan.TryParse(section["Period"], CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero ? parsed
            : fallback?.Period ?? throw new InvalidOperationException($"{path}:Period must be a positive time span (hh:mm:ss).");
        return new RateLimitPolicy(Count("TokenLimit", fallback?.TokenLimit), Count("TokensPerPeriod", fallback?.TokensPerPeriod), period);
    }
}
