using Xunit;

namespace OneWindow.Functions.Tests.Licences;

/// <summary>The licence end-to-end tests share one platform and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class LicenceCollection : ICollectionFixture<LicencePlatformFixture>
{
    public const string Name = "licences";
}
