using Xunit;
namespace OneWindow.DurableTask.Tests;

/// <summary>The suite with the in-memory history cache (extended sessions) on.</summary>
public sealed class DurableRuntimeWithCacheTests : DurableRuntimeTests
{
    protected override bool Cache => true;
}
