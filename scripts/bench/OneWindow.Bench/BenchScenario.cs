namespace OneWindow.Bench;

/// <summary>One durable scenario: its published per-instance target, its size, and how the bound loop runs it.</summary>
internal sealed record BenchScenario(string Name, double Target, int Count, int Concurrency, bool ExternalEvent);
