using System.Text.Json.Nodes;

namespace OneWindow.Domain.Applications;

/// <summary>Everything personal about a case, stored only sealed: the applicant, the free-form form and the delivery address.</summary>
public sealed record ApplicantSecret(ApplicantDetails Applicant, JsonObject? Form, string? DeliveryAddress);
