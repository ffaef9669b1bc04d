using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DurableTask.Core;
using DurableTask.Core.History;

namespace OneWindow.Hosting.Durable;

/// <summary>
/// The mark <see cref="StaleResponseFilter"/> puts on a response (an activity's completion or failure, a sub-orchestration's
/// completion or failure) to say which scheduling it answers: a hash of the activity's name and version with the time it was
/// scheduled, or a hash of the child's instance id. It rides in the one free-text field each response event has (the result, or the failure reason)
/// as <c>\u001Fow1:&lt;24 hex&gt;:&lt;text&gt;</c> (<c>ow0</c> when that field was null), and is taken off again before
/// the orchestration sees the event, so histories and orchestrations never hold it.
/// </summary>
internal static class ResponseStamp
{
    private const string Marker = "\u001Fow";
    private const int HashLength = 8;
    private const int KeyLength = HashLength + 16;

    /// <summary>
    /// The key of an activity scheduling: which activity (first half) and when the scheduling was made (second half: the
    /// <see cref="HistoryEvent.Timestamp"/> ticks of its <see cref="TaskScheduledEvent"/>, which the filter makes the same in
    /// the message and in the history; the history table keeps no inputs). A run of an episode made again schedules with a new timestamp.
    /// </summary>
    public static string ActivityKey(TaskScheduledEvent scheduled) =>
        Hash("activity", scheduled.Name ?? "", scheduled.Version ?? "") + Utc(scheduled.Timestamp).Ticks.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>The activity half of an <see cref="ActivityKey"/>.</summary>
    public static string ActivityNameKey(string key) => key[..HashLength];

    /// <summary>When the scheduling an <see cref="ActivityKey"/> names was made, or null if the key is not one.</summary>
    public static DateTime? ScheduledAt(string key) =>
        key.Length == KeyLength && long.TryParse(key.AsSpan(HashLength), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var ticks)
        && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks
            ? new DateTime(ticks, DateTimeKind.Utc)
            : null;

    /// <summary>The key of a sub-orchestration scheduling: which child instance.</summary>
    public static string ChildKey(string? childInstanceId) => Hash("child", childInstanceId) + new string('0', KeyLength - HashLength);

    /// <summary>The response with <paramref name="key"/> added to its free-text field; other events come back as they are.</summary>
    public static HistoryEvent Add(HistoryEvent response, string key) => response switch
    {
        TaskCompletedEvent c => new TaskCompletedEvent(c.EventId, c.TaskScheduledId, Wrap(key, c.Result)) { Timestamp = c.Timestamp },
        TaskFailedEvent f => new TaskFailedEvent(f.EventId, f.TaskScheduledId, Wrap(key, f.Reason), f.Details, f.FailureDetails) { Timestamp = f.Timestamp },
        SubOrchestrationInstanceCompletedEvent c => new SubOrchestrationInstanceCompletedEvent(c.EventId, c.TaskScheduledId, Wrap(key, c.Result)) { Timestamp = c.Timestamp },
        SubOrchestrationInstanceFailedEvent f => new SubOrchestrationInstanceFailedEvent(f.EventId, f.TaskScheduledId, Wrap(key, f.Reason), f.Details, f.FailureDetails) { Timestamp = f.Timestamp },
        _ => response,
    };

    /// <summary>
    /// Splits a stamped response into its key and the event as it was before stamping; a response without a stamp (sent
    /// by a host without the filter) gives a null key and the event itself.
    /// </summary>
    public static (string? Key, HistoryEvent Event) Remove(HistoryEvent response)
    {
        switch (response)
        {
            case TaskCompletedEvent c when Unwrap(c.Result) is { } u:
                return (u.Key, new TaskCompletedEvent(c.EventId, c.TaskScheduledId, u.Text!) { Timestamp = c.Timestamp });
            case TaskFailedEvent f when Unwrap(f.Reason) is { } u:
                return (u.Key, new TaskFailedEvent(f.EventId, f.TaskScheduledId, u.Text, f.Details, f.FailureDetails) { Timestamp = f.Timestamp });
            case SubOrchestrationInstanceCompletedEvent c when Unwrap(c.Result) is { } u:
                return (u.Key, new SubOrchestrationInstanceCompletedEvent(c.EventId, c.TaskScheduledId, u.Text!) { Timestamp = c.Timestamp });
            case SubOrchestrationInstanceFailedEvent f when Unwrap(f.Reason) is { } u:
                return (u.Key, new SubOrchestrationInstanceFailedEvent(f.EventId, f.TaskScheduledId, u.Text, f.Details, f.FailureDetails) { Timestamp = f.Timestamp });
            default:
                return (null, response);
        }
    }

    private static string Wrap(string key, string? text) =>
        text is null ? $"{Marker}0:{key}:" : $"{Marker}1:{key}:{text}";

    private static (string Key, string? Text)? Unwrap(string? text)
    {
        var header = Marker.Length + 2 + KeyLength + 1;
        if (text is null || text.Length < header || !text.StartsWith(Marker, StringComparison.Ordinal) || text[Marker.Length + 1] != ':' || text[header - 1] != ':')
        {
            return null;
        }

        var key = text.Substring(Marker.Length + 2, KeyLength);
        return text[Marker.Length] switch
        {
            '0' => (key, null),
            '1' => (key, text[header..]),
            _ => null,
        };
    }

    /// <summary>A time as UTC; the queue and the table give back UTC, a time made here may be local or unspecified (taken as UTC).</summary>
    public static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static string Hash(params string?[] parts)
    {
        // Length-prefixed so that no two different part lists hash the same text.
        var text = string.Concat(parts.Select(p => p is null ? "-1;" : p.Length.ToString(CultureInfo.InvariantCulture) + ";" + p));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..HashLength];
    }
}
