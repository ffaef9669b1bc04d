using OneWindow.Testing;

namespace OneWindow.Hosting.Tests;

/// <summary>Polls an observable condition until a deadline (no sleeps that hope).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, ChildProcess? process = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not met in time. " + process?.Tail());
            }

            await Task.Delay(200);
        }
    }
}
