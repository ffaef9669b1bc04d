using System.Text.Json;

namespace OneWindow.ProviderSandbox;

/// <summary>A text message the SMS gateway stand-in accepted.</summary>
public sealed record SmsRecord(string MessageId, string To, string Template, string Text, string? Reference, DateTimeOffset SentAt);
