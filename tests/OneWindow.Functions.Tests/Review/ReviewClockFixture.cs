namespace OneWindow.Functions.Tests.Review;

/// <summary>A platform of its own for the test that moves the development clock (every deadline of a shared one would pass).</summary>
public sealed class ReviewClockFixture : ReviewPlatformFixture;
