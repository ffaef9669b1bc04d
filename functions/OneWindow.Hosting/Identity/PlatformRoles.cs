namespace OneWindow.Hosting.Identity;

/// <summary>The roles of API.md and the claim names tokens carry them in.</summary>
public static class PlatformRoles
{
    public const string Applicant = "applicant";
    public const string Clerk = "clerk";
    public const string Reviewer = "reviewer";
    public const string Chief = "chief";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    /// <summary>The claim holding roles (one claim per role).</summary>
    public const string RolesClaim = "roles";

    /// <summary>The claim holding a reviewer's or chief's department code.</summary>
    public const string DepartmentClaim = "department";

    /// <summary>The claim holding the display name.</summary>
    public const string NameClaim = "name";

    /// <summary>The claim holding the caller's stable id.</summary>
    public const string SubjectClaim = "sub";

    /// <summary>Every role.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Applicant, Clerk, Reviewer, Chief, Supervisor, Admin };

    /// <summary>Roles that act for one department and so need the department claim.</summary>
    public static readonly IReadOnlySet<string> DepartmentRoles = new HashSet<string>(StringComparer.Ordinal) { Reviewer, Chief };
}
