using OneWindow.DurableTask;

namespace OneWindow.DurableTask.TestWorker;

/// <summary>
/// The orchestration the fault tests run: an activity, a durable timer, a fan-out of three activities, then an external
/// event "go". Output for input n and event value v: 6 * (n + 1) + v.
/// </summary>
public static class FaultScenario
{
    /// <summary>The orchestrator's name.</summary>
    public const string Name = "FaultScenario";

    /// <summary>The expected output.</summary>
    public static int Expected(int input, int eventValue) => (6 * (input + 1)) + eventValue;

    /// <summary>Registers the orchestrator and its activities.</summary>
    public static DurableTaskRegistry Register(DurableTaskRegistry registry) => registry
        .AddActivityFunc<int, int>("Add", async (_, x) =>
        {
            await Task.Delay(20);
            return x + 1;
        })
        .AddActivityFunc<int[], int>("Mul", async (_, pair) =>
        {
            await Task.Delay(20);
            return pair![0] * pair[1];
        })
        .AddOrchestratorFunc<int, int>(Name, async (ctx, n) =>
        {
            var a = await ctx.CallActivityAsync<int>("Add", n);
            await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMilliseconds(500), CancellationToken.None);
            var parts = await Task.WhenAll(Enumerable.Range(1, 3).Select(k => ctx.CallActivityAsync<int>("Mul", new[] { a, k })));
            var v = await ctx.WaitForExternalEvent<int>("go");
            return parts.Sum() + v;
        });
}
