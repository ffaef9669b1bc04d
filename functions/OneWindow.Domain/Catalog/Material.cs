namespace OneWindow.Domain.Catalog;

/// <summary>
/// A material of an item. <see cref="When"/> (question code → options) makes it apply only when every
/// listed question is answered with one of its options; without it the material always applies.
/// Deferrable (容缺) materials may be supplied after acceptance.
/// </summary>
public sealed record Material
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public bool Required { get; init; } = true;
    public bool Deferrable { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? When { get; init; }

    /// <summary>
    /// Items whose licence may stand in for this material (证照复用): a valid licence of the applicant issued for one of
    /// them is given as <c>{code, licenceNumber}</c> instead of an upload. Null or empty: an upload is required.
    /// </summary>
    public IReadOnlyList<string>? LicenceItems { get; init; }

    public bool AppliesTo(IReadOnlyDictionary<string, string> answers) =>
        When is null || When.All(c => answers.TryGetValue(c.Key, out var answer) && c.Value.Contains(answer));
}
