using Microsoft.DurableTask;

namespace OneWindow.Orchestrations;

/// <summary>
/// One open wait per event name, kept across the rounds of an orchestration's loop and never cancelled. Microsoft's shim
/// keeps a cancelled wait on its stack and hands it the next event of that name, which would lose the event; an open
/// wait instead takes it whenever it comes, and the loop looks at it when it next waits for that name (a buffer).
/// </summary>
/// <param name="context">The orchestration context.</param>
public sealed class EventWaits(TaskOrchestrationContext context)
{
    private readonly Dictionary<string, Task> open = new(StringComparer.Ordinal);

    /// <summary>The open wait for <paramref name="name"/> (created on first use; each name keeps one payload type).</summary>
    public Task<T> Next<T>(string name)
    {
        if (!open.TryGetValue(name, out var wait))
        {
            wait = context.WaitForExternalEvent<T>(name);
            open[name] = wait;
        }

        return (Task<T>)wait;
    }

    /// <summary>Takes the (completed) event of <paramref name="name"/>; the next <see cref="Next{T}"/> waits for a new one.</summary>
    public async Task<T> TakeAsync<T>(string name)
    {
        var value = await Next<T>(name);
        open.Remove(name);
        return value;
    }
}
