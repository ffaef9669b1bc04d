namespace OneWindow.Domain.Licences;

/// <summary>
/// Licence fields a department system may send with its approval (the webhook decision's optional <c>licence</c>
/// object), stored on the task and used when the licence is issued: a validity end other than the item's and the
/// licensed scope (许可范围/经营项目) printed on the licence.
/// </summary>
public sealed record LicenceFields(DateOnly? ValidUntil, string? Scope)
{
    public const int MaxScopeLength = 200;
}
