using Xunit;

namespace OneWindow.Functions.Tests.Licences;

/// <summary>
/// The reminder test moves the development clock a month ahead, which other tests' department systems would notice
/// (their webhook signatures run on real time), so it has a platform of its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LicenceReminderCollection : ICollectionFixture<LicencePlatformFixture>
{
    public const string Name = "licence-reminders";
}
