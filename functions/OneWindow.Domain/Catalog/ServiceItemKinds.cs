namespace OneWindow.Domain.Catalog;

/// <summary>The stable values of <see cref="ServiceItem.Kind"/>.</summary>
public static class ServiceItemKinds
{
    /// <summary>行政许可.</summary>
    public const string AdministrativeLicence = "administrative-licence";
    /// <summary>公共服务.</summary>
    public const string PublicService = "public-service";
    /// <summary>便民服务.</summary>
    public const string Convenience = "convenience";

    /// <summary>政府信息依申请公开: a request for government information, answered within the legal deadline.</summary>
    public const string InformationDisclosure = "information-disclosure";
    /// <summary>政府信箱·咨询.</summary>
    public const string MailboxConsultation = "mailbox-consultation";
    /// <summary>政府信箱·投诉.</summary>
    public const string MailboxComplaint = "mailbox-complaint";
    /// <summary>政府信箱·建议.</summary>
    public const string MailboxSuggestion = "mailbox-suggestion";

    public static readonly IReadOnlyList<string> All = [AdministrativeLicence, PublicService, Convenience, InformationDisclosure, MailboxConsultation, MailboxComplaint, MailboxSuggestion];

    /// <summary>The mailbox item kind of a letter type (<c>consultation</c> → <see cref="MailboxConsultation"/>).</summary>
    public static string OfLetter(string letterType) => "mailbox-" + letterType;

    /// <summary>True for the kinds a licensing application may be made for (not disclosure requests or letters, which have their own routes).</summary>
    public static bool IsApplicable(string kind) => kind is AdministrativeLicence or PublicService or Convenience;
}
