namespace OneWindow.Functions.Tests.Applications;

/// <summary>
/// An applications platform of its own whose clock the tests move forward (<c>POST /api/dev/clock</c>): moving it tells
/// every running orchestration (<c>ClockMoved</c>), whose deadline waits re-arm at once; a platform of its own so the jump
/// cannot fire other tests' deadlines.
/// </summary>
public sealed class ApplicationsClockFixture : ApplicationsPlatformFixture
{
    protected override IReadOnlyDictionary<string, string> ExtraHostEnvironment { get; } = new Dictionary<string, string>();
}
