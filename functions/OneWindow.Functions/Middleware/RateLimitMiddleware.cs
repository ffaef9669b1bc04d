using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using OneWindow.Hosting.Identity;

namespace OneWindow.Functions.Middleware;

/// <summary>
/// Rate limits for HTTP functions (<see cref="RateLimitOptions"/>), as worker middleware so they act under Azure's
/// Functions host and ours alike: 429 problems with <c>Retry-After</c>. The bucket is the caller's token subject when the
/// bearer token authenticates, else the client address (a forged or expired token counts against the address). Runs
/// before the body limit and <see cref="AuthorizationMiddleware"/>, so refused floods cost neither a body nor a function.
/// </summary>
public sealed class RateLimitMiddleware : HttpFunctionMiddleware, IAsyncDisposable
{
    private readonly RateLimitOptions options;
    private readonly FunctionMethods methods;
    private readonly ILogger<RateLimitMiddleware> logger;
    private readonly Dictionary<string, PartitionedRateLimiter<string>> limiters;
    private readonly PartitionedRateLimiter<string> failures;

    public RateLimitMiddleware(RateLimitOptions options, FunctionMethods methods, ILogger<RateLimitMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.methods = methods;
        this.logger = logger;
        limiters = options.Policies.ToDictionary(p => p.Key, p => Limiter(p.Value), StringComparer.Ordinal);
        failures = Limiter(options.CredentialFailures);
    }

    /// <inheritdoc />
    protected override async Task InvokeAsync(FunctionContext context, HttpContext http, FunctionExecutionDelegate next)
    {
        if (!options.Enabled)
        {
            await next(context);
            return;
        }

        // The JWT handler caches its result for the request: AuthorizationMiddleware's check after this one is free.
        var authentication = await http.AuthenticateAsync();
        var subject = authentication.Succeeded ? authentication.Principal?.Subject() : null;
        var address = subject is null ? ClientAddress(http, options.ForwardedHops) : null;
        var function = context.FunctionDefinition.Name;
        var policy = options.PolicyOf(function, out var policyName);

        // Credentials that do not authenticate: a bearer token the handler refused, or a signature the function will judge.
        var bearer = http.Request.Headers.Authorization.Count > 0;
        var attempt = address is not null && (bearer || http.Request.Headers.ContainsKey("X-Signature"));
        var chargedFailure = false;
        if (attempt)
        {
            // A refused token on a function that needs one will be a 401: charged now, so parallel forgeries cannot all
            // pass the check before the first is counted. Anything else is only checked here and charged if it is a 401.
            // (The bucket's statistics, not a lease of 0 permits: that one is granted at 0 once the bucket has been replenished.)
            chargedFailure = bearer && !methods.IsAnonymous(context.FunctionDefinition);
            using var lease = chargedFailure ? failures.AttemptAcquire(address!) : null;
            if (lease is { IsAcquired: false } || (!chargedFailure && failures.GetStatistics(address!)?.CurrentAvailablePermits <= 0))
            {
                await TooManyAsync(http, lease, options.CredentialFailures, function, "credential-failures", "Too many requests from this address failed authentication; wait before trying again.");
                return;
            }
        }

        if (policy is not null)
        {
            using var lease = limiters[policyName!].AttemptAcquire(subject is null ? "address:" + address : "subject:" + subject);
            if (!lease.IsAcquired)
            {
                await TooManyAsync(http, lease, policy, function, policyName!, subject is null
                    ? "Too many requests from this address for this operation; wait before trying again."
                    : "Too many requests with this token for this operation; wait before trying again.");
                return;
            }
        }

        if (attempt && !chargedFailure)
        {
            // A function's IResult is written after the worker pipeline has returned (by the worker's ASP.NET Core
            // integration in Azure, by the local host here): its status is known when the response starts.
            http.Response.OnStarting(() =>
            {
                if (http.Response.StatusCode == StatusCodes.Status401Unauthorized) failures.AttemptAcquire(address!).Dispose();
                return Task.CompletedTask;
            });
        }

        await next(context);
    }

    /// <summary>
    /// The client address: with <paramref name="hops"/> trusted proxies, that many entries from the right of
    /// <c>X-Forwarded-For</c> (ports and brackets removed), else the connection's. IPv6 addresses stand for their /64,
    /// which one client can rotate through freely.
    /// </summary>
    public static string ClientAddress(HttpContext http, int hops)
    {
        ArgumentNullException.ThrowIfNull(http);
        IPAddress? address = null;
        if (hops > 0)
        {
            var entries = http.Request.Headers["X-Forwarded-For"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            if (entries.Count >= hops) address = Parse(entries[^hops]);
        }

        address ??= http.Connection.RemoteIpAddress;
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }

    private static IPAddress? Parse(string entry) =>
        IPAddress.TryParse(entry, out var bare) ? bare
        : IPEndPoint.TryParse(entry, out var endpoint) ? endpoint.Address
        : null;

    private async Task TooManyAsync(HttpContext http, RateLimitLease? lease, RateLimitPolicy policy, string function, string policyName, string detail)
    {
        var retryAfter = lease is not null && lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : policy.Period;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        // Debug: a flood would otherwise write a log line per refused request.
        logger.LogDebug("Rate limit {Policy} refused {Function} (retry after {Seconds} s).", policyName, function, seconds);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: detail,
            type: "https://onewindow.example/problems/too-many-requests").ExecuteAsync(http);
    }

    /// <summary>A token bucket per partition key; idle full buckets are dropped by the partitioned limiter's own timer.</summary>
    private static PartitionedRateLimiter<string> Limiter(RateLimitPolicy policy) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = policy.TokenLimit,
            TokensPerPeriod = policy.TokensPerPeriod,
            ReplenishmentPeriod = policy.Period,
            QueueLimit = 0,
            // The partitioned limiter replenishes every bucket from one timer instead of a timer per bucket.
            AutoReplenishment = false,
        }));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var limiter in limiters.Values) await limiter.DisposeAsync();
        await failures.DisposeAsync();
    }
}
