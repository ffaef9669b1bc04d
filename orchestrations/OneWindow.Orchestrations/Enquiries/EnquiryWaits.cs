using OneWindow.Hosting.Time;

namespace OneWindow.Orchestrations.Enquiries;

/// <summary>The one wait both enquiry orchestrations make for a person: an event, or its deadline on the business clock.</summary>
public static class EnquiryWaits
{
    private const string DeadlineTimer = "deadline-timer";

    /// <summary>
    /// The first <paramref name="eventName"/> payload that <paramref name="accept"/> takes, or no payload (false) once
    /// <paramref name="due"/> passes; the deadline re-arms when the development clock moves, payloads not taken are dropped.
    /// </summary>
    public static async Task<(bool Arrived, T? Value)> EventOrDeadlineAsync<T>(EventWaits events, BusinessClock clock, string eventName, DateTimeOffset due, Func<T, bool>? accept = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(clock);
        #pragma warning disable DURABLE0011 // Bounded: each turn consumes the event, a clock move or the deadline.
        while (true)
        {
        #pragma warning restore DURABLE0011
            using var round = new WaitRound(events, clock)
                .Event<T>(eventName)
                .Event<ClockMoved>(ClockMoved.EventName)
                .Timer(DeadlineTimer, due);
            var name = await round.NextAsync();
            if (name == DeadlineTimer) return (false, default);
            if (name == ClockMoved.EventName)
            {
                clock.Apply((await events.TakeAsync<ClockMoved>(ClockMoved.EventName)).Offset);
                continue;
            }

            var value = await events.TakeAsync<T>(eventName);
            if (accept is null || accept(value)) return (true, value);
        }
    }
}
