namespace OneWindow.Domain.Supervision;

/// <summary>
/// How many working days a department's latest decided tasks of one item took (<c>pace-&lt;department&gt;-&lt;item&gt;</c>),
/// for predicted completion dates.
/// </summary>
/// <param name="Department">The department code.</param>
/// <param name="ItemCode">The item code.</param>
/// <param name="Samples">The latest tasks, oldest first, at most <see cref="MaxSamples"/>.</param>
public sealed record DepartmentPace(string Department, string ItemCode, IReadOnlyList<PaceSample> Samples)
{
    /// <summary>How many tasks the pace remembers.</summary>
    public const int MaxSamples = 20;

    /// <summary>The document id.</summary>
    public static string IdOf(string department, string itemCode) => $"pace-{department}-{itemCode}";

    /// <summary>This pace with a task added (replacing an earlier record of the same task), the oldest dropped beyond the cap.</summary>
    public DepartmentPace With(string taskId, double workingDays)
    {
        var samples = Samples.Where(s => s.TaskId != taskId).Append(new PaceSample(taskId, workingDays)).ToList();
        return this with { Samples = samples.Skip(Math.Max(0, samples.Count - MaxSamples)).ToArray() };
    }
}
