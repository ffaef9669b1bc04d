namespace OneWindow.Domain.Applications;

/// <summary>The applicant block: personal data, stored only encrypted, shown only masked.</summary>
public sealed record ApplicantDetails(string Kind, string Name, string IdNumber, string Phone);
