namespace OneWindow.Functions.Tests.Applications;

/// <summary>
/// An applications platform of its own whose clock the tests move forward (<c>POST /api/dev/clock</c>). Timer
/// messages come back every 2 s (<c>maxQueueDelay</c>) so a timer notices the moved clock; a platform of its own so
/// the jump cannot fire other tests' timers.
/// </summary>
public sealed class ApplicationsClockFixture : ApplicationsPlatformFixture
{
    protected override IReadOnlyDictionary<string, string> ExtraHostEnvironment { get; } = new Dictionary<string, string>
    {
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueueDelay"] = "00:00:02",
    };
}
