namespace OneWindow.Orchestrations;

/// <summary>
/// One round of an orchestration's wait loop: named event waits (open across rounds, <see cref="EventWaits"/>) and
/// deadline timers (<see cref="BusinessClock.UntilAsync"/>, cancelled when the round ends). Create one per round and
/// dispose it; <see cref="NextAsync"/> names the first wait that completed.
/// </summary>
/// <param name="events">The orchestration's open event waits.</param>
/// <param name="clock">The orchestration's business clock.</param>
public sealed class WaitRound(EventWaits events, BusinessClock clock) : IDisposable
{
    private readonly CancellationTokenSource cancel = new();
    private readonly List<(string Name, Task Task)> waits = [];

    /// <summary>Waits for the event <paramref name="name"/> (payload type <typeparamref name="T"/>).</summary>
    public WaitRound Event<T>(string name)
    {
        waits.Add((name, events.Next<T>(name)));
        return this;
    }

    /// <summary>Waits until business time reaches <paramref name="at"/>; the timer is cancelled when the round ends.</summary>
    public WaitRound Timer(string name, DateTimeOffset at)
    {
        waits.Add((name, clock.UntilAsync(at, cancel.Token)));
        return this;
    }

    /// <summary>The name of the first wait that completed; the round's timers are cancelled.</summary>
    public async Task<string> NextAsync()
    {
        var winner = await Task.WhenAny(waits.Select(w => w.Task));
#pragma warning disable CA1849 // synchronous cancel keeps the callbacks on the replay scheduler
        cancel.Cancel();
#pragma warning restore CA1849
        return waits.First(w => w.Task == winner).Name;
    }

    public void Dispose() => cancel.Dispose();
}
