namespace OneWindow.Orchestrations.Enquiries;

/// <summary>External events of the disclosure and mailbox orchestrations (docs/orchestrations.md); instance id = case id.</summary>
public static class EnquiryEvents
{
    /// <summary>The applicant clarified the request (written to the case first); payload <see cref="ClarificationReceived"/>.</summary>
    public const string ClarificationReceived = "ClarificationReceived";

    /// <summary>The writer rated a reply (written to the case first); payload <see cref="LetterRated"/>.</summary>
    public const string LetterRated = "LetterRated";
}
