using FsCheck.Xunit;
using OneWindow.Domain.Identity;
using Xunit;

namespace OneWindow.Domain.Tests;

public class IdentityTests
{
    [Theory]
    [InlineData("11010519491231002X", true)]  // the GB 11643 specimen
    [InlineData("11010519491231002x", true)]  // lower-case x is normalised
    [InlineData("110105194912310021", false)] // wrong check character
    [InlineData("11010519491331002X", false)] // month 13
    [InlineData("11010518991231002X", false)] // before 1900
    [InlineData("1101051949123100", false)]   // too short
    [InlineData("11010519491231002XX", false)] // too long
    [InlineData("1101051949123100AX", false)] // letter inside
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Resident_id_numbers_are_checked(string? input, bool valid)
    {
        var id = ResidentIdNumber.TryParse(input, out var error);
        Assert.Equal(valid, id is not null);
        Assert.Equal(valid, error is null);
    }

    [Fact]
    public void Resident_id_number_gives_birth_date_and_mask()
    {
        var id = ResidentIdNumber.TryParse("11010519491231002x", out _)!;
        Assert.Equal("11010519491231002X", id.Value);
        Assert.Equal(new DateOnly(1949, 12, 31), id.BirthDate);
        Assert.Equal("110***********002X", id.Masked);
        Assert.DoesNotContain("19491231", id.ToString(), StringComparison.Ordinal);
    }

    [Property(MaxTest = 300)]
    public bool Any_17_digits_with_a_valid_date_and_the_computed_check_are_accepted(ushort region, ushort day, ushort seq)
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(day % 25000);
        var first17 = $"{100000 + region % 900000:000000}{birth:yyyyMMdd}{seq % 1000:000}";
        var check = ResidentIdNumber.CheckCharacter(first17);
        return ResidentIdNumber.TryParse(first17 + check, out _) is not null
            && "0123456789X".Where(c => c != check).All(c => ResidentIdNumber.TryParse(first17 + c, out _) is null);
    }

    [Theory]
    [InlineData("91350100M000100Y43", true)]  // published example code
    [InlineData("91350100m000100y43", true)]  // case is normalised
    [InlineData("91350100M000100Y44", false)] // wrong check character
    [InlineData("91350100M000100I43", false)] // I is not in the alphabet
    [InlineData("91350100M000100Y4", false)]  // too short
    [InlineData(" ", false)]
    public void Credit_codes_are_checked(string input, bool valid)
    {
        Assert.Equal(valid, UnifiedSocialCreditCode.TryParse(input, out var error) is not null);
        Assert.Equal(valid, error is null);
    }

    [Property(MaxTest = 300)]
    public bool Changing_one_character_of_a_credit_code_breaks_the_check(ulong seed, byte position, byte replacement)
    {
        var chars = new char[17];
        for (var i = 0; i < 17; i++) chars[i] = UnifiedSocialCreditCode.Alphabet[(int)((seed >> (i * 3 % 60)) % 31 + (ulong)i) % 31];
        var code = new string(chars) + UnifiedSocialCreditCode.CheckCharacter(chars);
        if (UnifiedSocialCreditCode.TryParse(code, out _) is null) return false;
        var p = position % 17;
        var r = UnifiedSocialCreditCode.Alphabet[replacement % 31];
        if (r == code[p]) return true;
        var changed = code[..p] + r + code[(p + 1)..];
        return UnifiedSocialCreditCode.TryParse(changed, out _) is null;
    }

    [Theory]
    [InlineData("13800000000", "13800000000")]
    [InlineData("+86 138-0000-0000", "13800000000")]
    [InlineData("8619912345678", "19912345678")]
    [InlineData("12800000000", null)] // 12x is not a mobile prefix
    [InlineData("1380000000", null)]  // 10 digits
    [InlineData("138000000001", null)]
    [InlineData("1380000000a", null)]
    [InlineData("", null)]
    public void Mobile_numbers_are_checked(string input, string? expected)
    {
        Assert.Equal(expected, MobileNumber.TryParse(input, out _)?.Value);
    }

    [Fact]
    public void Masks_hide_the_middle()
    {
        Assert.Equal("138****0000", MobileNumber.TryParse("13800000000", out _)!.Masked);
        Assert.Equal("张*", PersonalDataMask.Name("张三"));
        Assert.Equal("欧**", PersonalDataMask.Name("欧阳锋"));
        Assert.Equal("", PersonalDataMask.Name(null));
    }
}
