using OneWindow.DurableTask;

namespace OneWindow.DurableTask.TestWorker;

/// <summary>
/// The orchestration the fault tests run: an activity, a durable timer, a fan-out of three activities, then an external
/// event "go", then one more activity on the sum (so an event starts work). Output for input n and event value v: 6 * (n + 1) + v + 1.
/// </summary>
public static class FaultScenario
{
    /// <summary>The orchestrator's name.</summary>
    public const string Name = "FaultScenario";

    /// <summary>The expected output.</summary>
    public static int Expected(int input, int eventValue) => (6 * (input + 1)) + eventValue + 1;

    /// <summary>Registers the orchestrator and its activities.</summary>
    public static DurableTaskRegistry Register(DurableTaskRegistry registry) => registry
        .AddActivityFunc<int, int>("Add", async (_, x) =>
        {
            await Task.Delay(300);
            return x + 1;
        })
        .AddActivityFunc<int[], int>("Mul", async (_, pair) =>
        {
            await Task.Delay(100);
            return pair![0] * pair[1];
        })
        .AddOrchestratorFunc<int, int>(Name, async (ctx, n) =>
        {
            var a = await ctx.CallActivityAsync<int>("Add", n);
            await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddSeconds(1), CancellationToken.None);
            var parts = await Task.WhenAll(Enumerable.Range(1, 3).Select(k => ctx.CallActivityAsync<int>("Mul", new[] { a, k })));
            var v = await ctx.WaitForExternalEvent<int>("go");
            return await ctx.CallActivityAsync<int>("Add", parts.Sum() + v);
        });
}
