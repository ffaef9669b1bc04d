using System.Security.Cryptography;
using System.Text;

namespace OneWindow.Domain.Applications;

/// <summary>Who owns a case or an upload, kept as SHA-256 of the caller's subject so documents carry no user ids.</summary>
public static class ApplicantOwner
{
    public static string HashOf(string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)));
    }
}
