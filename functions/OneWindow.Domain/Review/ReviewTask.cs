namespace OneWindow.Domain.Review;

/// <summary>
/// A department task as its own document (container <c>tasks</c>, id = task id): the gate for decisions (its ETag lets
/// exactly one of two concurrent decisions through) and the full record of what happened to the task. The application
/// document mirrors its status for the case view. No personal data: references, times, opinions and actors only.
/// </summary>
public sealed record ReviewTask
{
    public const string Review = "review";
    public const string Consolidation = "consolidation";
    public const string Consultation = "consultation";

    /// <summary>A disclosure request or mailbox letter at its handling office: accept and hand it over (or ask for a clarification).</summary>
    public const string Intake = "intake";

    /// <summary>A disclosure request or mailbox letter at the department that answers it.</summary>
    public const string Handling = "handling";

    public required string Id { get; init; }
    public required string ApplicationId { get; init; }
    public required string Number { get; init; }
    public required string Kind { get; init; }
    public required string ItemCode { get; init; }
    public required string Department { get; init; }
    public required string StageCode { get; init; }

    /// <summary>The durable instance that waits for this task's events (null for consultations, answered directly).</summary>
    public string? InstanceId { get; init; }

    /// <summary>For a consultation: the task that asked.</summary>
    public string? ParentTaskId { get; init; }
    public string? Question { get; init; }

    /// <summary>For a consultation: the working days the asking department gave (its deadlines are re-derived from them).</summary>
    public int? WorkingDays { get; init; }

    public required string Status { get; init; }

    /// <summary>
    /// The decisions this task takes (<see cref="TaskDecisions"/>); empty for review and consolidation tasks, which take
    /// approve, reject or request-correction. Fixed when the task opens (a second intake may no longer ask to clarify).
    /// </summary>
    public IReadOnlyList<string> Decisions { get; init; } = [];

    /// <summary>True when only the department's chief may decide it (a reopened complaint).</summary>
    public bool ChiefOnly { get; init; }

    /// <summary>What an intake or handling task decided beyond approve/reject: hand-over target, clarification, reply, disclosure answer.</summary>
    public TaskAnswer? Answer { get; init; }
    public bool GreenChannel { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? WarningAt { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public DateTimeOffset? LegalDueAt { get; init; }

    /// <summary>Years without an official holiday arrangement that the deadlines rest on (re-derived when one is loaded).</summary>
    public IReadOnlyList<int> ProvisionalYears { get; init; } = [];
    public DateTimeOffset? DecidedAt { get; init; }
    public string? Decision { get; init; }
    public string? Opinion { get; init; }
    public string? DecidedBy { get; init; }

    /// <summary>Licence fields the department system sent with its approval (webhook <c>licence</c>), used at issuance.</summary>
    public Licences.LicenceFields? Licence { get; init; }
    /// <summary>The item's cap on one extension (Art. 42), copied when the task opens.</summary>
    public int ExtensionCapWorkingDays { get; init; }
    public int ExtensionWorkingDays { get; init; }
    public string? ExtensionReason { get; init; }
    public IReadOnlyList<TaskSuspension> Suspensions { get; init; } = [];
    public string? OpenCorrectionId { get; init; }
    public IReadOnlyList<TaskConsultation> Consultations { get; init; } = [];
    public IReadOnlyList<TaskEvent> History { get; init; } = [];

    /// <summary>The department system's latest progress update (step: note), shown in the case.</summary>
    public string? Progress { get; init; }

    /// <summary>
    /// The decision's outbox record, written with the decision and removed once its event was raised: if the raise is lost
    /// (the host dies in between), the replay timer raises it within a minute, and the same decider's retry raises it
    /// again instead of getting 409 (decision 0760).
    /// </summary>
    public DecisionOutboxRecord? Outbox { get; init; }

    /// <summary>True while a written decision's event may not have been raised (<see cref="Outbox"/> is set).</summary>
    public bool DecisionEventPending => Outbox is not null;

    /// <summary>True once the department system could not be reached after every retry (the worklist still works).</summary>
    public bool PushFailed { get; init; }

    /// <summary>Open = a decision is still possible (not decided, not cancelled).</summary>
    public bool IsOpen => ReviewTaskStatus.IsOpen(Status);
}
