namespace OneWindow.Domain.Licences;

/// <summary>
/// The statuses of API.md. <see cref="Valid"/>, <see cref="Revoked"/> and <see cref="Superseded"/> are stored;
/// <see cref="Expired"/> is a valid licence read after its <see cref="Licence.ValidUntil"/>.
/// </summary>
public static class LicenceStatus
{
    public const string Valid = "valid";
    public const string Revoked = "revoked";
    public const string Expired = "expired";
    public const string Superseded = "superseded";
}
