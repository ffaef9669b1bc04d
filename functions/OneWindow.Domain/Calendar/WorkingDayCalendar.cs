using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace OneWindow.Domain.Calendar;

/// <summary>
/// Working days and office time in Asia/Shanghai under the official holiday arrangements (decision 0300).
/// Immutable: load a year with <see cref="WithYear"/>. Years without an arrangement fall back to
/// <see cref="StatutoryHolidays"/> and every result touching them lists the year as provisional.
/// </summary>
public sealed class WorkingDayCalendar
{
    /// <summary>Morning office hours start.</summary>
    public static readonly TimeSpan MorningStart = new(9, 0, 0);
    /// <summary>Morning office hours end.</summary>
    public static readonly TimeSpan MorningEnd = new(12, 0, 0);
    /// <summary>Afternoon office hours start.</summary>
    public static readonly TimeSpan AfternoonStart = new(13, 30, 0);
    /// <summary>Afternoon office hours end; a working-day deadline ends here.</summary>
    public static readonly TimeSpan AfternoonEnd = new(17, 30, 0);
    /// <summary>Office time of one working day (7 hours).</summary>
    public static readonly TimeSpan OfficeTimePerDay = MorningEnd - MorningStart + (AfternoonEnd - AfternoonStart);

    private static readonly TimeSpan MorningLength = MorningEnd - MorningStart;
    private const int MaxDaysWalked = 366 * 20;

    /// <summary>China Standard Time (UTC+8, no daylight saving since 1991).</summary>
    public static TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private readonly IReadOnlyDictionary<int, HolidayArrangement> loaded;
    private readonly IReadOnlyDictionary<int, YearDays> official;
    private readonly ConcurrentDictionary<int, YearDays> fallback = new();

    public WorkingDayCalendar(IEnumerable<HolidayArrangement> arrangements)
    {
        loaded = arrangements.ToDictionary(a => a.Year);
        official = loaded.ToDictionary(a => a.Key, a => YearDays.From(a.Value));
    }

    /// <summary>The years whose official arrangement is loaded.</summary>
    public IReadOnlyCollection<int> LoadedYears => loaded.Keys.Order().ToArray();

    /// <summary>The loaded arrangement of a year, or null.</summary>
    public HolidayArrangement? GetArrangement(int year) => loaded.GetValueOrDefault(year);

    public bool IsLoaded(int year) => loaded.ContainsKey(year);

    /// <summary>A calendar with <paramref name="arrangement"/> loaded (replacing that year).</summary>
    public WorkingDayCalendar WithYear(HolidayArrangement arrangement)
    {
        var all = loaded.Values.Where(a => a.Year != arrangement.Year).Append(arrangement);
        return new WorkingDayCalendar(all);
    }

    /// <summary>The official arrangements shipped with OneWindow (embedded holidays-cn.json: 2025 and 2026).</summary>
    public static IReadOnlyList<HolidayArrangement> SeedArrangements() => SeedLazy.Value;

    /// <summary>A calendar with the shipped arrangements loaded.</summary>
    public static WorkingDayCalendar CreateDefault() => new(SeedArrangements());

    private static readonly Lazy<IReadOnlyList<HolidayArrangement>> SeedLazy = new(LoadSeed);

    private static List<HolidayArrangement> LoadSeed()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("OneWindow.Domain.Calendar.holidays-cn.json")
            ?? throw new InvalidOperationException("The embedded holiday seed is missing.");
        using var document = JsonDocument.Parse(stream);
        var result = new List<HolidayArrangement>();
        foreach (var year in document.RootElement.GetProperty("years").EnumerateObject())
        {
            var holidays = year.Value.GetProperty("holidays").EnumerateArray()
                .Select(h => new HolidayPeriod(
                    h.GetProperty("name").GetString()!,
                    h.GetProperty("days").EnumerateArray().Select(d => DateOnly.Parse(d.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToArray()))
                .ToArray();
            var adjusted = year.Value.GetProperty("adjustedWorkingDays").EnumerateArray()
                .Select(d => DateOnly.Parse(d.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            result.Add(new HolidayArrangement(int.Parse(year.Name, System.Globalization.CultureInfo.InvariantCulture), holidays, adjusted));
        }

        return result;
    }

    /// <summary>Whether a Shanghai calendar date is a working day (ignores provisionality).</summary>
    public bool IsWorkingDay(DateOnly date) => IsWorkingDay(date, null);

    private bool IsWorkingDay(DateOnly date, SortedSet<int>? provisional)
    {
        if (!official.TryGetValue(date.Year, out var days))
        {
            provisional?.Add(date.Year);
            days = fallback.GetOrAdd(date.Year, y => YearDays.From(StatutoryHolidays.For(y)));
        }

        if (days.Holidays.Contains(date)) return false;
        if (days.AdjustedWorkingDays.Contains(date)) return true;
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>The Shanghai local date and time of an instant.</summary>
    public static DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime;

    /// <summary>The instant of a Shanghai local date and time.</summary>
    public static DateTimeOffset FromLocal(DateOnly date, TimeSpan time)
    {
        var local = date.ToDateTime(TimeOnly.MinValue) + time;
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>
    /// The deadline <paramref name="days"/> working days after <paramref name="start"/>: 17:30 on the
    /// <paramref name="days"/>-th working day after the start's date (the start day never counts, whatever
    /// the hour). Zero days is the start itself.
    /// </summary>
    public Deadline AddWorkingDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var provisional = new SortedSet<int>();
        if (days == 0) return new Deadline(start, []);
        var date = DateOnly.FromDateTime(ToLocal(start));
        var counted = 0;
        for (var walked = 0; counted < days; walked++)
        {
            if (walked > MaxDaysWalked) throw new ArgumentOutOfRangeException(nameof(days), days, "Too far ahead.");
            date = date.AddDays(1);
            if (IsWorkingDay(date, provisional)) counted++;
        }

        return new Deadline(FromLocal(date, AfternoonEnd), provisional.ToArray());
    }

    /// <summary>
    /// Working days and office time from <paramref name="from"/> to <paramref name="to"/>. A working day
    /// counts when it is after <paramref name="from"/>'s date and its 17:30 is not after <paramref name="to"/>,
    /// so CountWorkingDays(t, AddWorkingDays(t, n)).WorkingDays = n. Office time counts the minutes of
    /// 09:00–12:00 and 13:30–17:30 on working days within the interval. Negative intervals count zero.
    /// </summary>
    public WorkingTimeSpan CountWorkingDays(DateTimeOffset from, DateTimeOffset to)
    {
        var provisional = new SortedSet<int>();
        if (to <= from) return new WorkingTimeSpan(0, TimeSpan.Zero, []);
        var fromLocal = ToLocal(from);
        var toLocal = ToLocal(to);
        var first = DateOnly.FromDateTime(fromLocal);
        var last = DateOnly.FromDateTime(toLocal);
        var days = 0;
        var time = TimeSpan.Zero;
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            if (!IsWorkingDay(date, provisional)) continue;
            var start = date == first ? OfficePosition(fromLocal.TimeOfDay) : TimeSpan.Zero;
            var end = date == last ? OfficePosition(toLocal.TimeOfDay) : OfficeTimePerDay;
            time += end - start;
            if (date > first && (date < last || toLocal.TimeOfDay >= AfternoonEnd)) days++;
        }

        return new WorkingTimeSpan(days, time, provisional.ToArray());
    }

    /// <summary>
    /// The earliest instant at which <paramref name="workingTime"/> of office time has passed since
    /// <paramref name="start"/> (a start outside office hours begins at the next office minute).
    /// Zero is the start itself. This is how a suspension extends a deadline.
    /// </summary>
    public Deadline AddWorkingTime(DateTimeOffset start, TimeSpan workingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingTime, TimeSpan.Zero);
        if (workingTime == TimeSpan.Zero) return new Deadline(start, []);
        var provisional = new SortedSet<int>();
        var local = ToLocal(start);
        var date = DateOnly.FromDateTime(local);
        var position = OfficePosition(local.TimeOfDay);
        var remaining = workingTime;
        for (var walked = 0; ; walked++)
        {
            if (walked > MaxDaysWalked) throw new ArgumentOutOfRangeException(nameof(workingTime), workingTime, "Too far ahead.");
            if (IsWorkingDay(date, provisional))
            {
                var available = OfficeTimePerDay - position;
                if (remaining <= available)
                {
                    return new Deadline(FromLocal(date, EarliestTimeAt(position + remaining)), provisional.ToArray());
                }

                remaining -= available;
            }

            date = date.AddDays(1);
            position = TimeSpan.Zero;
        }
    }

    /// <summary>
    /// The earliest instant from which exactly <paramref name="workingTime"/> of office time remains until
    /// <paramref name="end"/> (used for warning times: one working day before 17:30 Monday is 17:30 Friday).
    /// </summary>
    public Deadline SubtractWorkingTime(DateTimeOffset end, TimeSpan workingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingTime, TimeSpan.Zero);
        if (workingTime == TimeSpan.Zero) return new Deadline(end, []);
        var provisional = new SortedSet<int>();
        var local = ToLocal(end);
        var date = DateOnly.FromDateTime(local);
        var position = OfficePosition(local.TimeOfDay);
        var remaining = workingTime;
        for (var walked = 0; ; walked++)
        {
            if (walked > MaxDaysWalked) throw new ArgumentOutOfRangeException(nameof(workingTime), workingTime, "Too far back.");
            if (IsWorkingDay(date, provisional))
            {
                if (remaining < position)
                {
                    return new Deadline(FromLocal(date, EarliestTimeAt(position - remaining)), provisional.ToArray());
                }

                remaining -= position;
            }

            date = date.AddDays(-1);
            position = OfficeTimePerDay;
        }
    }

    /// <summary>
    /// The deadline of <paramref name="period"/> from <paramref name="start"/>, extended by the time of
    /// every suspension after the start: office time for working-day periods, wall-clock time for durations.
    /// A suspension still running counts up to <paramref name="now"/>.
    /// </summary>
    public Deadline ComputeDeadline(DateTimeOffset start, DeadlinePeriod period, IEnumerable<SuspendedInterval>? suspensions = null, DateTimeOffset? now = null)
    {
        if (!period.IsValid) throw new ArgumentException("The period must have exactly one positive value.", nameof(period));
        var intervals = (suspensions ?? [])
            .Select(s => (From: s.From < start ? start : s.From, To: s.To ?? now ?? s.From))
            .Where(s => s.To > s.From)
            .ToArray();
        if (period.Duration is { } duration)
        {
            var suspended = intervals.Aggregate(TimeSpan.Zero, (sum, s) => sum + (s.To - s.From));
            return new Deadline(start + duration + suspended, []);
        }

        var baseline = AddWorkingDays(start, period.WorkingDays!.Value);
        var years = new SortedSet<int>(baseline.ProvisionalYears);
        var suspendedWork = TimeSpan.Zero;
        foreach (var (from, to) in intervals)
        {
            var span = CountWorkingDays(from, to);
            years.UnionWith(span.ProvisionalYears);
            suspendedWork += span.WorkingTime;
        }

        var extended = AddWorkingTime(baseline.At, suspendedWork);
        years.UnionWith(extended.ProvisionalYears);
        return new Deadline(extended.At, years.ToArray());
    }

    /// <summary>
    /// The warning time before <paramref name="promised"/>: <paramref name="warningBefore"/> if the item sets
    /// one, else one working day before a working-day deadline, or 20% of a duration before it. Never before the start.
    /// </summary>
    public Deadline WarningTime(DateTimeOffset start, Deadline promised, DeadlinePeriod period, DeadlinePeriod? warningBefore = null)
    {
        Deadline warning;
        if (warningBefore is { IsValid: true } setting)
        {
            warning = setting.Duration is { } before
                ? new Deadline(promised.At - before, [])
                : SubtractWorkingTime(promised.At, OfficeTimePerDay * setting.WorkingDays!.Value);
        }
        else if (period.Duration is { } duration)
        {
            warning = new Deadline(promised.At - duration / 5, []);
        }
        else
        {
            warning = SubtractWorkingTime(promised.At, OfficeTimePerDay);
        }

        var years = promised.ProvisionalYears.Union(warning.ProvisionalYears).Order().ToArray();
        return new Deadline(warning.At < start ? start : warning.At, years);
    }

    /// <summary>Office time elapsed in a day up to a local time of day.</summary>
    private static TimeSpan OfficePosition(TimeSpan timeOfDay)
    {
        if (timeOfDay <= MorningStart) return TimeSpan.Zero;
        if (timeOfDay <= MorningEnd) return timeOfDay - MorningStart;
        if (timeOfDay <= AfternoonStart) return MorningLength;
        if (timeOfDay <= AfternoonEnd) return MorningLength + (timeOfDay - AfternoonStart);
        return OfficeTimePerDay;
    }

    private static TimeSpan EarliestTimeAt(TimeSpan position) =>
        position <= MorningLength ? MorningStart + position : AfternoonStart + (position - MorningLength);

    private sealed record YearDays(HashSet<DateOnly> Holidays, HashSet<DateOnly> AdjustedWorkingDays)
    {
        public static YearDays From(HolidayArrangement arrangement) => new(
            arrangement.Holidays.SelectMany(h => h.Days).ToHashSet(),
            arrangement.AdjustedWorkingDays.ToHashSet());
    }
}
