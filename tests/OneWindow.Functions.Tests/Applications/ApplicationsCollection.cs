using Xunit;

namespace OneWindow.Functions.Tests.Applications;

/// <summary>The applications tests share one platform and run one after another (the SMS fault injection is global).</summary>
[CollectionDefinition(Name)]
public sealed class ApplicationsCollection : ICollectionFixture<ApplicationsPlatformFixture>
{
    public const string Name = "applications";
}
