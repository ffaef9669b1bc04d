using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Review;

namespace OneWindow.Domain.Supervision;

/// <summary>
/// The predicted completion of an open case from the pace of its departments (decision 0741): each task of the item at
/// its department is expected to take the median working days of that department's latest decided tasks of the same
/// item, plus <see cref="BacklogWorkingDays"/> for every other task open in the department's worklist; a task already
/// past that expectation is expected to take half of it again from now. Stages run in order (a stage ends with its
/// slowest task); without any pace the task's promised deadline stands in.
/// </summary>
public static class CompletionForecast
{
    /// <summary>Working days added per other open task of the department (its queue).</summary>
    public const double BacklogWorkingDays = 0.05;

    /// <summary>Case statuses a prediction is made for.</summary>
    public static readonly IReadOnlySet<string> Open = new HashSet<string>(StringComparer.Ordinal) { "in-review", "correction-required", "suspended" };

    /// <summary>The expected working days of one task from its department's recent pace, or null without any.</summary>
    public static double? Expected(DepartmentPace? pace, int openInDepartment)
    {
        if (pace is null || pace.Samples.Count == 0) return null;
        return Median(pace.Samples.Select(s => s.WorkingDays)) + BacklogWorkingDays * Math.Max(0, openInDepartment - 1);
    }

    /// <summary>The median of some values (0 for none).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return 0;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>
    /// The predicted completion of <paramref name="application"/>, or null when it is not open. <paramref name="expected"/>
    /// gives a task's expected working days (null: no pace known).
    /// </summary>
    public static DateTimeOffset? Predict(ApplicationRecord application, Func<DepartmentTask, double?> expected, WorkingDayCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(calendar);
        if (!Open.Contains(application.Status) || application.Stages.Count == 0) return null;
        var stageStart = application.AcceptedAt ?? application.SubmittedAt;
        DateTimeOffset end = stageStart;
        foreach (var stage in application.Stages)
        {
            var tasks = stage.Tasks.Where(t => t.Kind != ReviewTask.Consultation && t.Status != ReviewTaskStatus.Cancelled).ToArray();
            if (tasks.Length == 0) continue;
            var stageEnd = stageStart;
            foreach (var task in tasks)
            {
                var taskEnd = TaskEnd(task, stageStart, expected(task), calendar, now);
                if (taskEnd > stageEnd) stageEnd = taskEnd;
            }

            end = stageEnd;
            stageStart = stageEnd;
        }

        return end < now ? now : end;
    }

    private static DateTimeOffset TaskEnd(DepartmentTask task, DateTimeOffset stageStart, double? days, WorkingDayCalendar calendar, DateTimeOffset now)
    {
        if (task.DecidedAt is { } decided) return decided;
        if (days is not { } d) return task.DueAt ?? stageStart;
        var work = WorkingDayCalendar.OfficeTimePerDay * d;
        var end = calendar.AddWorkingTime(stageStart, work).At;
        return end > now || task.Status == ReviewTaskStatus.Waiting ? end : calendar.AddWorkingTime(now, work / 2).At;
    }

    /// <summary>
    /// Backtest over a department's decided tasks of one item, oldest first: each task's working days predicted from the
    /// median of the (at most <see cref="DepartmentPace.MaxSamples"/>) tasks before it; returns the absolute errors.
    /// </summary>
    public static IReadOnlyList<double> Backtest(IReadOnlyList<PaceSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var errors = new List<double>();
        for (var i = 1; i < samples.Count; i++)
        {
            var before = samples.Take(i).Skip(Math.Max(0, i - DepartmentPace.MaxSamples)).Select(s => s.WorkingDays);
            errors.Add(Math.Abs(Median(before) - samples[i].WorkingDays));
        }

        return errors;
    }
}
