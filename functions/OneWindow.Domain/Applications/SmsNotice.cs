namespace OneWindow.Domain.Applications;

/// <summary>
/// The SMS queue message: references only (application id and event key such as <c>accepted</c> or
/// <c>correction-&lt;id&gt;</c>); the SMS function loads and decrypts what it needs.
/// </summary>
public sealed record SmsNotice(string ApplicationId, string Event);
