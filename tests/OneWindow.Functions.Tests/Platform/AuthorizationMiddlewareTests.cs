using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OneWindow.Functions.Middleware;
using OneWindow.Hosting.Discovery;
using OneWindow.Hosting.Invocation;
using Xunit;

namespace OneWindow.Functions.Tests.Platform;

/// <summary>An [Authorize] function for <see cref="AuthorizationMiddlewareTests"/>.</summary>
public sealed class AdminOnlySample
{
    [Function("AdminOnlySample")]
    [Authorize(Roles = "admin")]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sample")] HttpRequest req) => Results.Ok();
}

/// <summary>
/// Under Azure's host nothing authenticates the request before the worker's middleware: the authorization middleware
/// must validate the bearer token itself. These run it with no ASP.NET Core authentication middleware at all.
/// </summary>
public sealed class AuthorizationMiddlewareTests
{
    private static readonly SymmetricSecurityKey Key = new(RandomNumberGenerator.GetBytes(32));

    private static async Task<(bool Ran, int Status, HttpContext Http)> CallAsync(string? token)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = false,
                ValidateAudience = false,
                IssuerSigningKey = Key,
                RoleClaimType = "roles",
                NameClaimType = "sub",
            };
        });
        services.AddAuthorization();
        services.AddSingleton<FunctionMethods>();
        var worker = new LocalWorkerApplicationBuilder(services);
        worker.UseMiddleware<OneWindow.Functions.Middleware.AuthorizationMiddleware>();
        await using var provider = services.BuildServiceProvider();
        var pipeline = worker.BuildPipeline();

        var method = typeof(AdminOnlySample).GetMethod(nameof(AdminOnlySample.Run))!;
        var definition = new LocalFunctionDefinition(FunctionDiscovery.Describe("AdminOnlySample", typeof(AdminOnlySample), method));
        var http = new DefaultHttpContext { RequestServices = provider };
        http.Response.Body = new MemoryStream();
        if (token is not null) http.Request.Headers.Authorization = "Bearer " + token;
        var context = new LocalFunctionContext(definition, provider, new Dictionary<string, object?>(), CancellationToken.None);
        context.Items[LocalFunctionContext.HttpContextKey] = http;
        await pipeline.InvokeAsync(context, _ => Task.FromResult<object?>(null));
        return (context.FunctionRan, http.Response.StatusCode, http);
    }

    private static string Token(params string[] roles) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Claims = new Dictionary<string, object> { ["sub"] = "alice", ["roles"] = roles },
        Expires = DateTime.UtcNow.AddMinutes(5),
        SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
    });

    [Fact]
    public async Task A_valid_token_with_the_role_reaches_the_function_and_sets_the_caller()
    {
        var (ran, _, http) = await CallAsync(Token("admin"));
        Assert.True(ran);
        Assert.Equal("alice", http.User.FindFirst("sub")?.Value);
    }

    [Fact]
    public async Task Without_a_token_it_is_401_and_with_another_role_403_and_the_function_never_runs()
    {
        var (ranAnonymous, anonymous, _) = await CallAsync(null);
        Assert.False(ranAnonymous);
        Assert.Equal(StatusCodes.Status401Unauthorized, anonymous);

        var (ranWrongRole, wrongRole, _) = await CallAsync(Token("applicant"));
        Assert.False(ranWrongRole);
        Assert.Equal(StatusCodes.Status403Forbidden, wrongRole);
    }
}
