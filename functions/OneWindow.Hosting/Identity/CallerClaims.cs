using System.Security.Claims;

namespace OneWindow.Hosting.Identity;

/// <summary>Reads the caller's identity the way functions need it.</summary>
public static class CallerClaims
{
    /// <summary>The caller's stable id (<c>sub</c>), or null when anonymous.</summary>
    public static string? Subject(this ClaimsPrincipal user) => user?.FindFirst(PlatformRoles.SubjectClaim)?.Value;

    /// <summary>The caller's display name.</summary>
    public static string? DisplayName(this ClaimsPrincipal user) => user?.FindFirst(PlatformRoles.NameClaim)?.Value;

    /// <summary>The department a reviewer or chief acts for.</summary>
    public static string? Department(this ClaimsPrincipal user) => user?.FindFirst(PlatformRoles.DepartmentClaim)?.Value;

    /// <summary>True when the caller has <paramref name="role"/>.</summary>
    public static bool HasRole(this ClaimsPrincipal user, string role) =>
        user?.Claims.Any(c => c.Type == PlatformRoles.RolesClaim && c.Value == role) ?? false;
}
