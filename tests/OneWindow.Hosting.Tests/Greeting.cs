namespace OneWindow.Hosting.Tests;

/// <summary>A service the sample activity depends on.</summary>
public sealed record Greeting(string Text);
