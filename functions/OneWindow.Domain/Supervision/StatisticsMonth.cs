namespace OneWindow.Domain.Supervision;

/// <summary>
/// The counter document of one scope and month (<c>stats-&lt;scope&gt;-&lt;yyyyMM&gt;</c>): figures per day of the month
/// (Asia/Shanghai dates, key <c>dd</c>), and the keys of the latest changes applied (short hashes), so an activity
/// retried after a crash does not count twice (decision 0740). It has a fixed shape from its creation (every day of the
/// month, <see cref="RecentKeys"/> key slots), so it is as large with one case as with a million: the statistics
/// route reads these documents, and its time must not grow with the cases.
/// </summary>
/// <param name="Scope">The department code or <see cref="StatisticsFigures.County"/>.</param>
/// <param name="Month">The month, <c>yyyy-MM</c>.</param>
/// <param name="Days">Figures per day of the month (<c>dd</c>).</param>
/// <param name="Recent">Hashes of the keys of the latest changes applied (<see cref="KeyOf"/>), newest last, at most <see cref="RecentKeys"/>.</param>
public sealed record StatisticsMonth(string Scope, string Month, IReadOnlyDictionary<string, StatisticsFigures> Days, IReadOnlyList<string> Recent)
{
    /// <summary>How many applied keys a month document remembers.</summary>
    public const int RecentKeys = 128;

    /// <summary>What an empty key slot holds (as long as a key hash, so the document's size does not change as it fills).</summary>
    public static readonly string EmptySlot = new('-', 12);

    /// <summary>A new month document: every day at zero, every key slot empty.</summary>
    public static StatisticsMonth Create(string scope, int year, int month) => new(
        scope,
        $"{year:D4}-{month:D2}",
        Enumerable.Range(1, DateTime.DaysInMonth(year, month)).ToDictionary(d => d.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), _ => new StatisticsFigures(), StringComparer.Ordinal),
        Enumerable.Repeat(EmptySlot, RecentKeys).ToArray());

    /// <summary>The document id of a scope's month.</summary>
    public static string IdOf(string scope, int year, int month) => $"stats-{scope}-{year:D4}{month:D2}";

    /// <summary>
    /// This month with <paramref name="change"/> applied to <paramref name="day"/>'s figures under <paramref name="key"/>,
    /// or null when that key was applied already.
    /// </summary>
    public StatisticsMonth? Apply(DateOnly day, string key, Func<StatisticsFigures, StatisticsFigures> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        key = KeyOf(key);
        if (Recent.Contains(key, StringComparer.Ordinal)) return null;
        var dayKey = day.Day.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        var days = new Dictionary<string, StatisticsFigures>(Days, StringComparer.Ordinal)
        {
            [dayKey] = change(Days.GetValueOrDefault(dayKey) ?? new StatisticsFigures()),
        };
        // A ring of fixed length: the oldest slot goes, the key comes in last.
        var recent = Recent.Count >= RecentKeys ? Recent.Skip(Recent.Count - RecentKeys + 1) : Recent;
        return this with { Days = days, Recent = [.. recent, key] };
    }

    /// <summary>The stored form of a change's key: 72 bits of its SHA-256 (12 base64url characters), enough to tell a month's changes apart and small enough to keep the document small.</summary>
    public static string KeyOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));
        return Convert.ToBase64String(hash, 0, 9).Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The sum of the days of this month from <paramref name="from"/> to <paramref name="to"/> (inclusive).</summary>
    public StatisticsFigures Sum(DateOnly from, DateOnly to)
    {
        var total = new StatisticsFigures();
        foreach (var (dayKey, figures) in Days)
        {
            var day = DateOnly.ParseExact(Month + "-" + dayKey, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            if (day >= from && day <= to) total = total.Plus(figures);
        }

        return total;
    }
}
