using Xunit;

namespace OneWindow.Functions.Tests.Enquiries;

/// <summary>The disclosure and mailbox tests share one platform and run one after another (one of them moves the clock).</summary>
[CollectionDefinition(Name)]
public sealed class EnquiriesCollection : ICollectionFixture<EnquiriesFixture>
{
    public const string Name = "enquiries";
}
