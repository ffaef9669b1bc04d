namespace OneWindow.Hosting.Tests.Durable;

/// <summary>What <see cref="EngineOrchestrations.Parent"/> saw: its own parent and its child's.</summary>
public sealed record ParentReport(string OwnParent, string ChildParent);
