namespace OneWindow.Orchestrations.Enquiries;

/// <summary>Input of OpenEnquiryStage: a stage of the case (intake, handling) under the department that does it.</summary>
public sealed record EnquiryStage(string ApplicationId, string Code, string Name, string Department);
