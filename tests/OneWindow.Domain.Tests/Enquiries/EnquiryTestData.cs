using OneWindow.Domain.Identity;

namespace OneWindow.Domain.Tests.Enquiries;

/// <summary>Resident ID numbers built with the real check character, so the scans and validations see valid ones.</summary>
internal static class EnquiryTestData
{
    /// <summary>A valid ID number: the 17 given digits and their GB 11643 check character.</summary>
    public static string ValidId(string first17 = "11010519491231002") => first17 + ResidentIdNumber.CheckCharacter(first17);

    /// <summary>The same 17 digits with a check character that is not theirs.</summary>
    public static string WrongCheckId(string first17 = "11010519491231002")
    {
        var right = ResidentIdNumber.CheckCharacter(first17);
        return first17 + (right == '0' ? '1' : '0');
    }

    /// <summary>ASCII digits (and X) turned into their full-width forms, as a phone keyboard in full-width mode types them.</summary>
    public static string FullWidth(string text) =>
        string.Concat(text.Select(c => c switch { >= '0' and <= '9' => (char)(c - '0' + '０'), 'X' => 'Ｘ', _ => c }));
}
