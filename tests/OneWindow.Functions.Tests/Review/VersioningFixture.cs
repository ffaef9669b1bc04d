namespace OneWindow.Functions.Tests.Review;

/// <summary>A platform of its own for the versioning test, which restarts the host with a new <c>defaultVersion</c>.</summary>
public sealed class VersioningFixture : ReviewPlatformFixture;
