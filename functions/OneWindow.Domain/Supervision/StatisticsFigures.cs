using System.Text.Json.Serialization;

namespace OneWindow.Domain.Supervision;

/// <summary>
/// One day's counters of one scope (a department, or <see cref="StatisticsFigures.County"/> for case-level figures).
/// Departments count their review tasks; the county counts cases (submitted, online, finished, finished on time).
/// Evaluations count in every department of the case and in the county. Stored with short names: a month document
/// holds one per day and is read on every statistics request.
/// </summary>
public sealed record StatisticsFigures
{
    /// <summary>The scope of case-level figures (the whole county, the window included).</summary>
    public const string County = "county";

    /// <summary>Review tasks assigned to the department.</summary>
    [JsonPropertyName("r")]
    public int Received { get; init; }

    /// <summary>Review tasks decided (approved or rejected).</summary>
    [JsonPropertyName("c")]
    public int Completed { get; init; }

    /// <summary>Review tasks decided no later than their promised deadline (suspensions and extensions included).</summary>
    [JsonPropertyName("t")]
    public int OnTime { get; init; }

    /// <summary>Review tasks that passed their promised deadline (counted once, when it passed).</summary>
    [JsonPropertyName("o")]
    public int Overdue { get; init; }

    /// <summary>Working days the decided tasks took (office time, suspensions left out), summed.</summary>
    [JsonPropertyName("w")]
    public double WorkingDays { get; init; }

    /// <summary>Evaluations (好差评) of cases this scope handled.</summary>
    [JsonPropertyName("e")]
    public int Evaluations { get; init; }

    /// <summary>Their scores, summed.</summary>
    [JsonPropertyName("s")]
    public int ScoreSum { get; init; }

    /// <summary>County: cases submitted.</summary>
    [JsonPropertyName("sub")]
    public int Submitted { get; init; }

    /// <summary>County: cases submitted online (by the applicant, not entered at the window).</summary>
    [JsonPropertyName("on")]
    public int Online { get; init; }

    /// <summary>County: cases finished (approved, rejected or terminated).</summary>
    [JsonPropertyName("f")]
    public int Finished { get; init; }

    /// <summary>County: cases finished no later than their promised deadline.</summary>
    [JsonPropertyName("ft")]
    public int FinishedOnTime { get; init; }

    /// <summary>The sum of two days' figures.</summary>
    public StatisticsFigures Plus(StatisticsFigures other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new StatisticsFigures
        {
            Received = Received + other.Received,
            Completed = Completed + other.Completed,
            OnTime = OnTime + other.OnTime,
            Overdue = Overdue + other.Overdue,
            WorkingDays = WorkingDays + other.WorkingDays,
            Evaluations = Evaluations + other.Evaluations,
            ScoreSum = ScoreSum + other.ScoreSum,
            Submitted = Submitted + other.Submitted,
            Online = Online + other.Online,
            Finished = Finished + other.Finished,
            FinishedOnTime = FinishedOnTime + other.FinishedOnTime,
        };
    }
}
