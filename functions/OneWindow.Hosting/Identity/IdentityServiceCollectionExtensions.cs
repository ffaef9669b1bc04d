using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using OneWindow.Hosting.Http;

namespace OneWindow.Hosting.Identity;

/// <summary>JWT bearer identity (BRIEF D6): Entra ID in Azure, the development issuer locally.</summary>
public static class IdentityServiceCollectionExtensions
{
    /// <summary>
    /// Adds JWT bearer authentication with roles in the <c>roles</c> claim. <c>Auth:Authority</c> and
    /// <c>Auth:Audience</c> name the Entra ID tenant and app in Azure; in Development the
    /// <see cref="DevelopmentTokenIssuer"/>'s tokens are accepted as well. Without either, every token is refused.
    /// </summary>
    public static IServiceCollection AddPlatformIdentity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var development = environment.IsDevelopment();
        var authority = configuration["Auth:Authority"];
        var audience = configuration["Auth:Audience"] ?? DevelopmentTokenIssuer.Audience;
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.RequireHttpsMetadata = !development;
            if (!string.IsNullOrEmpty(authority))
            {
                o.Authority = authority;
            }

            o.TokenValidationParameters = new TokenValidationParameters
            {
                NameClaimType = PlatformRoles.NameClaim,
                RoleClaimType = PlatformRoles.RolesClaim,
                ValidAudience = audience,
                ClockSkew = TimeSpan.FromMinutes(1),
            };
        });
        if (development)
        {
            services.AddSingleton<DevelopmentTokenIssuer>();
            services.AddHostedService(sp => sp.GetRequiredService<DevelopmentTokenIssuer>());
            services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<DevelopmentTokenIssuer>((o, issuer) =>
            {
                o.TokenValidationParameters.ValidIssuer = DevelopmentTokenIssuer.Issuer;
                o.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => [issuer.SigningKey];
            });
        }

        services.AddAuthorization();
        return services;
    }
}
