using Xunit;
namespace OneWindow.DurableTask.Tests;

/// <summary>The suite with the in-memory history cache off: every work item reads history from the table.</summary>
public sealed class DurableRuntimeWithoutCacheTests : DurableRuntimeTests
{
    protected override bool Cache => false;
}
