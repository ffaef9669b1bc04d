namespace OneWindow.Domain.Supervision;

/// <summary>One department's row of the statistics (API.md "Supervision", stats).</summary>
/// <param name="Department">The department code.</param>
/// <param name="Name">The department's name.</param>
/// <param name="Received">Review tasks assigned in the period.</param>
/// <param name="Completed">Review tasks decided in the period.</param>
/// <param name="OnTime">Of those, decided within the promised deadline.</param>
/// <param name="Overdue">Review tasks that passed their promised deadline in the period.</param>
/// <param name="AverageWorkingDays">Average working days a decided task took (null when none was decided).</param>
/// <param name="Satisfaction">Average evaluation score, 1 to 5 (null without evaluations).</param>
/// <param name="Evaluations">How many evaluations the average rests on.</param>
public sealed record DepartmentStatistics(string Department, string Name, int Received, int Completed, int OnTime, int Overdue, double? AverageWorkingDays, double? Satisfaction, int Evaluations)
{
    /// <summary>The row of a department's summed figures.</summary>
    public static DepartmentStatistics Of(string department, string name, StatisticsFigures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new DepartmentStatistics(department, name, f.Received, f.Completed, f.OnTime, f.Overdue,
            f.Completed == 0 ? null : Math.Round(f.WorkingDays / f.Completed, 2),
            f.Evaluations == 0 ? null : Math.Round((double)f.ScoreSum / f.Evaluations, 2),
            f.Evaluations);
    }
}
