using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using OneWindow.Domain.Applications;
using OneWindow.Hosting;
using OneWindow.Hosting.Identity;

namespace OneWindow.Functions.Applications;

/// <summary>
/// Who may read a case (API.md): its applicant, clerks, supervisors, and reviewers and chiefs of a department with a
/// task in it. Null when the caller may; else the problem to answer (404 for strangers, so ids are not confirmed).
/// </summary>
internal static class CaseAccess
{
    /// <summary>
    /// The caller's access to <paramref name="application"/>: applicants see their own cases (another's is a 404: its
    /// existence is not confirmed); clerks and supervisors all; reviewers and chiefs the cases with a task of their
    /// department. Null means allowed; else the 403/404 problem.
    /// </summary>
    public static IResult? Check(ClaimsPrincipal user, ApplicationRecord? application)
    {
        if (application is null) return ApplicationHttp.NotFound("No such application.");
        if (user.HasRole(PlatformRoles.Clerk) || user.HasRole(PlatformRoles.Supervisor)) return null;
        if (user.HasRole(PlatformRoles.Applicant) && application.OwnerHash == ApplicantOwner.HashOf(user.Subject()!)) return null;
        var department = user.Department();
        if ((user.HasRole(PlatformRoles.Reviewer) || user.HasRole(PlatformRoles.Chief)) && department is not null)
        {
            return application.Stages.SelectMany(s => s.Tasks).Any(t => t.Department == department)
                ? null
                : ApplicationHttp.Forbidden("This application has no task of your department.");
        }

        return ApplicationHttp.NotFound("No such application.");
    }

    /// <summary>True when the caller is the case's own applicant.</summary>
    public static bool IsOwner(ClaimsPrincipal user, ApplicationRecord application) =>
        user.HasRole(PlatformRoles.Applicant) && application.OwnerHash == ApplicantOwner.HashOf(user.Subject()!);
}
