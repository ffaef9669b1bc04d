using OneWindow.Domain.Applications;

namespace OneWindow.Domain.Disclosure;

/// <summary>A validated <c>POST /api/disclosure-requests</c> body.</summary>
public sealed record DisclosureSubmission(string? ItemCode, ApplicantDetails Applicant, string Description, string? Purpose, string Form, string? Address);
