using Microsoft.DurableTask;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Hosting.Tests.Durable;

/// <summary>Orchestrator functions the engine tests run (discovered like an app's, by <c>[Function]</c>).</summary>
public sealed class EngineOrchestrations
{
    public const string WaitForGo = "EngineWaitForGo";
    public const string CustomStatus = "EngineCustomStatus";
    public const string RoundTrip = "EngineRoundTrip";
    public const string Parent = "EngineParent";
    public const string Child = "EngineChild";
    public const string Versioned = "EngineVersioned";
    public const string Tree = "EngineTree";
    public const string ParentOfWaiter = "EngineParentOfWaiter";
    public const string SameChildTwice = "EngineSameChildTwice";
    public const string Diverging = "EngineDiverging";

    /// <summary>The event the waiting orchestrations wait for.</summary>
    public const string Go = "go";

    /// <summary>Waits for <see cref="Go"/>, returns "input:payload".</summary>
    [Function(WaitForGo)]
    public async Task<string> WaitForGoAsync([OrchestrationTrigger] TaskOrchestrationContext context, string input)
    {
        var payload = await context.WaitForExternalEvent<string>(Go);
        return input + ":" + payload;
    }

    /// <summary>Sets a custom status of <paramref name="size"/> characters (its JSON is 2 more), then finishes after an activity.</summary>
    [Function(CustomStatus)]
    public async Task<int> CustomStatusAsync([OrchestrationTrigger] TaskOrchestrationContext context, int size)
    {
        context.SetCustomStatus(new string('x', size));
        await context.CallActivityAsync<string>(EngineActivities.Echo, "status");
        return size;
    }

    /// <summary>Sends the record through an activity and returns the activity's record.</summary>
    [Function(RoundTrip)]
    public async Task<EngineRecord> RoundTripAsync([OrchestrationTrigger] TaskOrchestrationContext context, EngineRecord input)
    {
        return await context.CallActivityAsync<EngineRecord>(EngineActivities.Bump, input);
    }

    /// <summary>Reports its own parent and its child's.</summary>
    [Function(Parent)]
    public async Task<ParentReport> ParentAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var child = await context.CallSubOrchestratorAsync<string>(Child, options: new SubOrchestrationOptions { InstanceId = context.InstanceId + "-child" });
        return new ParentReport(Describe(context.Parent), child);
    }

    /// <summary>Describes its parent (or "none").</summary>
    [Function(Child)]
    public Task<string> ChildAsync([OrchestrationTrigger] TaskOrchestrationContext context) => Task.FromResult(Describe(context.Parent));

    /// <summary>Branches on its version before and after waiting for <see cref="Go"/>, and calls an activity.</summary>
    [Function(Versioned)]
    public async Task<string> VersionedAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var before = context.Version;
        await context.WaitForExternalEvent<string>(Go);
        var echoed = await context.CallActivityAsync<string>(EngineActivities.Echo, before);
        return context.Version switch
        {
            "1.0" => "v1 branch:" + echoed,
            "2.0" => "v2 branch:" + echoed,
            var other => "unknown branch '" + other + "':" + echoed,
        };
    }

    /// <summary>An activity, a sub-orchestration, then waits for <see cref="Go"/> (history and purge).</summary>
    [Function(Tree)]
    public async Task<string> TreeAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var echoed = await context.CallActivityAsync<string>(EngineActivities.Echo, "leaf");
        var child = await context.CallSubOrchestratorAsync<string>(Child, options: new SubOrchestrationOptions { InstanceId = context.InstanceId + "-child" });
        var go = await context.WaitForExternalEvent<string>(Go);
        return string.Join("|", echoed, child, go);
    }

    /// <summary>Returns what its child <see cref="WaitForGo"/> ("{id}-child", input "child") returns once it took <see cref="Go"/>.</summary>
    [Function(ParentOfWaiter)]
    public Task<string> ParentOfWaiterAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        context.CallSubOrchestratorAsync<string>(WaitForGo, "child", new SubOrchestrationOptions { InstanceId = context.InstanceId + "-child" });

    /// <summary>Runs <see cref="Child"/> as "{id}-child" twice in a row (two schedulings of one child id), returns both results.</summary>
    [Function(SameChildTwice)]
    public async Task<string> SameChildTwiceAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var options = new SubOrchestrationOptions { InstanceId = context.InstanceId + "-child" };
        var first = await context.CallSubOrchestratorAsync<string>(Child, options: options);
        var second = await context.CallSubOrchestratorAsync<string>(Child, options: options);
        return first + "|" + second;
    }

    /// <summary>
    /// Opens, then escalates, or closes when <see cref="Go"/> came before the opening's answer: two branches whose activity
    /// call has the same sequence number. Returns what the branch's activity answered, after a second <see cref="Go"/>.
    /// </summary>
    [Function(Diverging)]
    public async Task<string> DivergingAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var go = context.WaitForExternalEvent<string>(Go);
        await context.CallActivityAsync<string>(EngineActivities.Echo, "open");
        var answer = go.IsCompleted
            ? await context.CallActivityAsync<string>(EngineActivities.Echo, "close")
            : await context.CallActivityAsync<string>(EngineActivities.Echo, "escalate");

        // Running until a second Go, so that a late answer still reaches a running instance.
        await context.WaitForExternalEvent<string>(Go);
        return answer;
    }

    private static string Describe(ParentOrchestrationInstance? parent) => parent is null ? "none" : parent.Name.Name + "/" + parent.InstanceId;
}
