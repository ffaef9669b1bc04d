using Xunit;

namespace OneWindow.Functions.Tests.Delivery;

/// <summary>The delivery tests share one platform and run one after another (they set sandbox faults).</summary>
[CollectionDefinition(Name)]
public sealed class DeliveryCollection : ICollectionFixture<DeliveryPlatformFixture>
{
    public const string Name = "delivery";
}
