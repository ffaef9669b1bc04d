namespace OneWindow.Orchestrations.Enquiries;

/// <summary>What the PlanEnquiry activity reads from the case: its item and the office that accepts and routes it.</summary>
public sealed record EnquiryPlan(string ItemCode, string Office, string? LetterType);
