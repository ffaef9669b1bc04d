namespace OneWindow.Functions.Tests.Review;

/// <summary>A platform of its own for the test that kills the host: the shared one must not lose its host mid-test.</summary>
public sealed class ReviewRestartFixture : ReviewPlatformFixture;
