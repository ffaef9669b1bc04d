using Xunit;

namespace OneWindow.Functions.Tests.Review;

/// <summary>The parallel-review tests share one platform and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ReviewCollection : ICollectionFixture<ReviewPlatformFixture>
{
    public const string Name = "review";
}
