using OneWindow.Domain.Disclosure;

namespace OneWindow.Domain.Review;

/// <summary>
/// The decisions a task takes, by what it is, and the status each leaves the task in. Review and consolidation tasks
/// approve, reject or ask for corrections; an intake hands over (or, once for a disclosure request, asks to clarify); a
/// handling task replies (a letter) or gives one of the regulation's answers (a disclosure request).
/// </summary>
public static class TaskDecisions
{
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string RequestCorrection = "request-correction";
    public const string HandOver = "hand-over";
    public const string Clarify = "clarify";
    public const string Reply = "reply";

    /// <summary>What review and consolidation tasks take.</summary>
    public static readonly IReadOnlyList<string> Review = [Approve, Reject, RequestCorrection];

    /// <summary>Every decision the routes know (a task then takes its own subset).</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(Review.Concat([HandOver, Clarify, Reply]).Concat(DisclosureAnswerTypes.All), StringComparer.Ordinal);

    /// <summary>The decisions <paramref name="task"/> takes.</summary>
    public static IReadOnlyList<string> Of(ReviewTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Decisions.Count > 0 ? task.Decisions : Review;
    }

    /// <summary>The task status a decision leaves behind.</summary>
    public static string StatusOf(string decision) => decision switch
    {
        Approve => ReviewTaskStatus.Approved,
        Reject => ReviewTaskStatus.Rejected,
        RequestCorrection => ReviewTaskStatus.CorrectionRequired,
        HandOver => ReviewTaskStatus.HandedOver,
        Clarify => ReviewTaskStatus.ClarificationRequested,
        _ => ReviewTaskStatus.Answered,
    };
}
