using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Hosting.Tests.Durable;

/// <summary>Activity functions the engine tests call.</summary>
public sealed class EngineActivities
{
    public const string Echo = "EngineEcho";
    public const string Bump = "EngineBump";

    [Function(Echo)]
    public string EchoText([ActivityTrigger] string text) => "echo " + text;

    /// <summary>Returns the record with its count incremented and a tag added: proves the activity read it.</summary>
    [Function(Bump)]
    public Task<EngineRecord> BumpAsync([ActivityTrigger] EngineRecord record) =>
        Task.FromResult(record with { VisitCount = record.VisitCount + 1, Tags = [.. record.Tags, "activity"] });
}
