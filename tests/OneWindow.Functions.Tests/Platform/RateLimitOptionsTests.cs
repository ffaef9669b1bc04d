using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using OneWindow.Functions.Middleware;
using Xunit;

namespace OneWindow.Functions.Tests.Platform;

/// <summary>The rate-limit table names real functions and covers every public one; configuration overrides it; client addresses.</summary>
public sealed class RateLimitOptionsTests
{
    private static readonly Dictionary<string, MethodInfo> HttpFunctions = typeof(OneWindowApp).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null && m.GetParameters().Any(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null))
        .ToDictionary(m => m.GetCustomAttribute<FunctionAttribute>()!.Name, StringComparer.Ordinal);

    /// <summary>Public functions deliberately without a limit: probes, and routes that exist only in Development.</summary>
    private static readonly string[] Unlimited = ["Health", "DevelopmentToken", "DevelopmentClock", "AdvanceDevelopmentClock"];

    [Fact]
    public void The_default_table_names_http_functions_and_covers_every_anonymous_one()
    {
        var options = RateLimitOptions.From(new ConfigurationBuilder().Build());
        Assert.All(options.Functions.Keys, name => Assert.True(HttpFunctions.ContainsKey(name), $"RateLimiting:Functions names '{name}', which is no HTTP function"));
        var anonymous = HttpFunctions.Where(f => f.Value.GetCustomAttributes(true).Concat(f.Value.DeclaringType!.GetCustomAttributes(true)).OfType<IAllowAnonymous>().Any())
            .Select(f => f.Key).Except(Unlimited).ToList();
        Assert.NotEmpty(anonymous);
        Assert.All(anonymous, name => Assert.True(options.PolicyOf(name, out _) is not null, $"public function '{name}' has no rate limit"));
        Assert.Equal("submission", options.Functions["SubmitApplication"]);
        Assert.Equal("uploads", options.Functions["CreateUpload"]);
    }

    [Fact]
    public void Configuration_changes_a_policy_key_by_key_moves_and_exempts_functions_and_refuses_unknown_policies()
    {
        var options = RateLimitOptions.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RateLimiting:Policies:public:TokenLimit"] = "5",
            ["RateLimiting:Policies:strict:TokenLimit"] = "2",
            ["RateLimiting:Policies:strict:TokensPerPeriod"] = "1",
            ["RateLimiting:Policies:strict:Period"] = "00:01:00",
            ["RateLimiting:Functions:GetApplication"] = "strict",
            ["RateLimiting:Functions:CatalogItems"] = "none",
            ["RateLimiting:ForwardedHops"] = "1",
        }).Build());
        Assert.Equal(new RateLimitPolicy(5, 10, TimeSpan.FromSeconds(1)), options.Policies["public"]);
        Assert.Equal(new RateLimitPolicy(2, 1, TimeSpan.FromMinutes(1)), options.PolicyOf("GetApplication", out var name));
        Assert.Equal("strict", name);
        Assert.Null(options.PolicyOf("CatalogItems", out _));
        Assert.Equal(1, options.ForwardedHops);
        Assert.True(options.Enabled);

        var unknown = Assert.Throws<InvalidOperationException>(() => RateLimitOptions.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["RateLimiting:Functions:GetApplication"] = "nope" }).Build()));
        Assert.Contains("nope", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => RateLimitOptions.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["RateLimiting:Policies:half:TokenLimit"] = "3" }).Build()));
    }

    [Theory]
    [InlineData(0, "198.51.100.7, 203.0.113.9", "10.0.0.1")]
    [InlineData(1, "198.51.100.7, 203.0.113.9", "203.0.113.9")]
    [InlineData(1, "203.0.113.9:53122", "203.0.113.9")]
    [InlineData(2, "198.51.100.7, 203.0.113.9", "198.51.100.7")]
    [InlineData(2, "203.0.113.9", "10.0.0.1")]
    [InlineData(1, "not-an-address", "10.0.0.1")]
    [InlineData(1, "[2001:db8:1:2:3:4:5:6]:443", "2001:db8:1:2::/64")]
    [InlineData(1, "2001:db8:1:2:ffff::1", "2001:db8:1:2::/64")]
    [InlineData(1, "::ffff:203.0.113.9", "203.0.113.9")]
    public void The_client_address_is_the_trusted_forwarded_entry_or_the_connection(int hops, string forwardedFor, string expected)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.1");
        http.Request.Headers["X-Forwarded-For"] = forwardedFor;
        Assert.Equal(expected, RateLimitMiddleware.ClientAddress(http, hops));
    }
}
