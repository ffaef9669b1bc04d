namespace OneWindow.Domain.Catalog;

/// <summary>
/// A department that handles items. Departments with their own system (<see cref="HasOwnSystem"/>) get
/// tasks pushed to <see cref="CallbackUrl"/>, signed with the secret named by <see cref="SecretRef"/>
/// (a configuration key or Key Vault secret name, never the secret itself).
/// </summary>
public sealed record Department
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string ChiefRepresentative { get; init; }
    public required string ChiefPhone { get; init; }
    public bool HasOwnSystem { get; init; }
    public string? CallbackUrl { get; init; }
    public string? SecretRef { get; init; }
    public int Version { get; init; }
}
