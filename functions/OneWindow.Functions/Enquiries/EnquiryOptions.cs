using Microsoft.Extensions.Configuration;
using OneWindow.Domain.Catalog;

namespace OneWindow.Functions.Enquiries;

/// <summary>
/// Which catalog items disclosure requests and mailbox letters are cases of (section <c>Enquiries</c>): the disclosure item
/// when a request names none, and the prefix of the mailbox items (prefix + letter type). Their deadlines are the items'.
/// </summary>
public sealed record EnquiryOptions
{
    public string DisclosureItem { get; init; } = DemoCounty.DisclosureItem;
    public string MailboxItemPrefix { get; init; } = DemoCounty.MailboxItemPrefix;

    public static EnquiryOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var s = configuration.GetSection("Enquiries");
        var defaults = new EnquiryOptions();
        return new EnquiryOptions
        {
            DisclosureItem = s["DisclosureItem"] ?? defaults.DisclosureItem,
            MailboxItemPrefix = s["MailboxItemPrefix"] ?? defaults.MailboxItemPrefix,
        };
    }
}
