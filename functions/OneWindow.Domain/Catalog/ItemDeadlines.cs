using OneWindow.Domain.Calendar;

namespace OneWindow.Domain.Catalog;

/// <summary>
/// The three escalation points of one task (spec 3.4.4(9), decision 0300): warning, promised and legal
/// deadline, and the unloaded years they rest on (recompute when one is loaded).
/// </summary>
public sealed record ItemDeadlines(DateTimeOffset WarningAt, DateTimeOffset DueAt, DateTimeOffset LegalDueAt, IReadOnlyList<int> ProvisionalYears)
{
    public bool IsProvisional => ProvisionalYears.Count > 0;

    /// <summary>
    /// Deadlines of <paramref name="item"/> accepted at <paramref name="acceptedAt"/>. The green channel
    /// shortens the promised deadline; an approved extension (at most the item's cap) moves the promised and
    /// legal deadlines by that many working days; suspensions stop the clock.
    /// </summary>
    public static ItemDeadlines For(
        ServiceItem item,
        DateTimeOffset acceptedAt,
        WorkingDayCalendar calendar,
        bool greenChannel = false,
        int extensionWorkingDays = 0,
        IEnumerable<SuspendedInterval>? suspensions = null,
        DateTimeOffset? now = null)
    {
        if (extensionWorkingDays < 0 || extensionWorkingDays > item.ExtensionCapWorkingDays)
            throw new ArgumentOutOfRangeException(nameof(extensionWorkingDays), extensionWorkingDays, $"The extension cap of {item.Code} is {item.ExtensionCapWorkingDays} working days.");
        var suspended = suspensions?.ToArray() ?? [];
        var promisedPeriod = greenChannel && item.GreenChannel?.Deadline is { IsValid: true } green ? green : item.Deadline;
        var promised = Extend(calendar, calendar.ComputeDeadline(acceptedAt, promisedPeriod, suspended, now), extensionWorkingDays);
        var legal = Extend(calendar, calendar.ComputeDeadline(acceptedAt, item.LegalDeadline, suspended, now), extensionWorkingDays);
        var warning = calendar.WarningTime(acceptedAt, promised, promisedPeriod, item.Warning);
        var years = promised.ProvisionalYears.Concat(legal.ProvisionalYears).Concat(warning.ProvisionalYears).Distinct().Order().ToArray();
        return new ItemDeadlines(warning.At, promised.At, legal.At, years);
    }

    private static Deadline Extend(WorkingDayCalendar calendar, Deadline deadline, int workingDays)
    {
        if (workingDays == 0) return deadline;
        var extended = calendar.AddWorkingTime(deadline.At, WorkingDayCalendar.OfficeTimePerDay * workingDays);
        return new Deadline(extended.At, deadline.ProvisionalYears.Union(extended.ProvisionalYears).Order().ToArray());
    }
}
