namespace OneWindow.Domain.Disclosure;

/// <summary>
/// A request for government information (依申请公开, Regulations on Open Government Information Art. 27–33), kept on its
/// case (<see cref="Applications.ApplicationRecord.Disclosure"/>). The statutory 20 working days run from
/// <see cref="ReceivedAt"/>: the submission, or the clarified request when the office asked for one (Art. 30, 33).
/// </summary>
public sealed record DisclosureRequest
{
    /// <summary>What information is asked for (the description the regulation requires, Art. 29).</summary>
    public required string Description { get; init; }

    /// <summary>What the applicant needs it for (optional; the regulation allows it to be asked, not required).</summary>
    public string? Purpose { get; init; }

    /// <summary>How the answer's file reaches the applicant: <see cref="DisclosureForms"/>.</summary>
    public required string Form { get; init; }

    /// <summary>When the request counts as received: the clock of the statutory deadline starts here (again after a clarification).</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The office's one request for clarification and the applicant's answer, if it asked.</summary>
    public DisclosureClarification? Clarification { get; init; }

    /// <summary>The department that holds the information, as the office routed it.</summary>
    public string? HoldingDepartment { get; init; }

    /// <summary>The department's answer, once given.</summary>
    public DisclosureAnswer? Answer { get; init; }
}
