using System.Security.Cryptography;
using System.Xml;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OneWindow.Hosting.Identity;

/// <summary>
/// The local development token issuer (Development environment only). Its HMAC key is random, kept in the local
/// storage account (blob <c>onewindow-dev/jwt-signing-key</c>) so every host on the same storage, and a restarted
/// one, accepts the same tokens; no key is in the repository.
/// </summary>
public sealed class DevelopmentTokenIssuer(BlobServiceClient blobs) : IHostedService
{
    /// <summary>The <c>iss</c> of development tokens.</summary>
    public const string Issuer = "onewindow-dev";

    /// <summary>The <c>aud</c> of every OneWindow token.</summary>
    public const string Audience = "onewindow";

    /// <summary>How long a token lives unless its request asks for longer.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    /// <summary>The longest lifetime a request may ask for.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(30);

    private SymmetricSecurityKey? key;

    /// <summary>The signing key (loaded at start-up).</summary>
    public SymmetricSecurityKey SigningKey => key ?? throw new InvalidOperationException("The development signing key is not loaded yet.");

    /// <summary>Loads the key, creating it on first use of this storage account.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient("onewindow-dev");
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var blob = container.GetBlobClient("jwt-signing-key");
        try
        {
            await blob.UploadAsync(
                BinaryData.FromBytes(RandomNumberGenerator.GetBytes(32)),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another host (or an earlier start) created it: use that one.
        }

        var content = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        key = new SymmetricSecurityKey(content.Value.Content.ToArray()) { KeyId = "dev" };
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Validates a request: the field-named errors, empty when it is fine.</summary>
    public static Dictionary<string, string[]> Validate(DevelopmentTokenRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.Subject) || request.Subject.Length > 128)
        {
            errors["subject"] = ["Required, at most 128 characters."];
        }

        if (request.Name is { Length: > 64 })
        {
            errors["name"] = ["At most 64 characters."];
        }

        if (request.Roles is null || request.Roles.Count == 0)
        {
            errors["roles"] = ["At least one role: " + string.Join(", ", PlatformRoles.All.Order(StringComparer.Ordinal)) + "."];
        }
        else if (request.Roles.FirstOrDefault(r => !PlatformRoles.All.Contains(r)) is { } unknown)
        {
            errors["roles"] = [$"Unknown role '{unknown}'."];
        }
        else if (request.Roles.Any(PlatformRoles.DepartmentRoles.Contains) && string.IsNullOrWhiteSpace(request.Department))
        {
            errors["department"] = ["Required for the reviewer and chief roles."];
        }

        if (request.Lifetime is not null && LifetimeOf(request) is null)
        {
            errors["lifetime"] = [$"An ISO 8601 duration such as PT8H or P2D, positive and at most {MaxLifetime.TotalDays} days."];
        }

        return errors;
    }

    /// <summary>The lifetime <paramref name="request"/> asks for (<see cref="DefaultLifetime"/> without one), or null when it is not a valid one.</summary>
    public static TimeSpan? LifetimeOf(DevelopmentTokenRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Lifetime is null) return DefaultLifetime;
        try
        {
            var lifetime = XmlConvert.ToTimeSpan(request.Lifetime);
            return lifetime > TimeSpan.Zero && lifetime <= MaxLifetime ? lifetime : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// Issues a token valid for an hour, or for the lifetime the request asks (at most 30 days). Token times are real
    /// time, as their validation is: moving the development clock ahead does not expire them.
    /// </summary>
    public string Issue(DevelopmentTokenRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [PlatformRoles.SubjectClaim] = request.Subject!,
            [PlatformRoles.NameClaim] = request.Name ?? request.Subject!,
            [PlatformRoles.RolesClaim] = request.Roles!.ToArray(),
        };
        if (!string.IsNullOrWhiteSpace(request.Department))
        {
            claims[PlatformRoles.DepartmentClaim] = request.Department;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.Add(LifetimeOf(request) ?? throw new ArgumentException("The requested lifetime is not valid.", nameof(request))),
            Claims = claims,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }
}
