namespace OneWindow.Hosting.TestApp;

/// <summary>A queue message of the test app.</summary>
/// <param name="Id">Identifies the message's rows.</param>
/// <param name="Fail">Whether the function should throw.</param>
public sealed record WorkMessage(string Id, bool Fail);
