using OneWindow.Domain.Licences;

namespace OneWindow.Functions.Licences;

/// <summary>The JSON shapes of API.md "Licences and delivery".</summary>
public static class LicenceViews
{
    public static object Entry(Licence licence, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(licence);
        return new { number = licence.Number, kind = licence.Kind, itemCode = licence.ItemCode, issuer = licence.Issuer, issuedAt = licence.IssuedAt, validUntil = licence.ValidUntil, status = licence.StatusAt(now) };
    }

    /// <summary>The full view for the holder and supervisors (the holder's name opened by the caller).</summary>
    public static object Full(Licence licence, string holderName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(licence);
        return new
        {
            number = licence.Number,
            kind = licence.Kind,
            holder = holderName,
            holderId = licence.HolderId,
            itemCode = licence.ItemCode,
            itemName = licence.ItemName,
            issuer = licence.Issuer,
            issuerName = licence.IssuerName,
            scope = licence.Scope,
            issuedAt = licence.IssuedAt,
            validUntil = licence.ValidUntil,
            version = licence.Version,
            status = licence.StatusAt(now),
            applicationId = licence.ApplicationId,
            supersedes = licence.Supersedes,
            supersededBy = licence.SupersededBy,
            revocationReason = licence.RevocationReason,
            remindersSent = licence.RemindersSent,
            operations = licence.Operations,
            fileUrl = FileUrl(licence.Number),
        };
    }

    public static string FileUrl(string number) => $"/api/licences/{Uri.EscapeDataString(number)}/file";

    public static string Url(string number) => $"/api/licences/{Uri.EscapeDataString(number)}";
}
