namespace OneWindow.Domain.Disclosure;

/// <summary>The answers the regulation allows (Art. 36), as task decisions of the holding department.</summary>
public static class DisclosureAnswerTypes
{
    /// <summary>予以公开: the information, as a file.</summary>
    public const string Disclosed = "disclosed";
    /// <summary>部分公开: the part that may be disclosed, as a file, with the reasons and legal ground for the rest.</summary>
    public const string PartlyDisclosed = "partly-disclosed";
    /// <summary>不予公开: with the legal ground (Art. 14–16).</summary>
    public const string NotDisclosed = "not-disclosed";
    /// <summary>信息不存在: the information does not exist.</summary>
    public const string DoesNotExist = "does-not-exist";
    /// <summary>非本机关掌握: not held here; the applicant is told whom to ask.</summary>
    public const string Refer = "refer";

    public static readonly IReadOnlyList<string> All = [Disclosed, PartlyDisclosed, NotDisclosed, DoesNotExist, Refer];

    /// <summary>True when the answer carries a file (what is disclosed).</summary>
    public static bool HasFile(string type) => type is Disclosed or PartlyDisclosed;

    /// <summary>True when the answer withholds something and must give the legal ground.</summary>
    public static bool NeedsLegalGround(string type) => type is PartlyDisclosed or NotDisclosed;
}
