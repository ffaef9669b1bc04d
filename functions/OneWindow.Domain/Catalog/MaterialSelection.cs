namespace OneWindow.Domain.Catalog;

/// <summary>The materials selected by situation answers, or the errors in the answers.</summary>
public sealed record MaterialSelection(IReadOnlyList<Material> Materials, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
