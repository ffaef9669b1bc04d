using System.Globalization;

namespace OneWindow.Functions.Licences;

/// <summary>
/// The SMS event key of an expiry reminder, <c>licence-expiring-&lt;days&gt;-&lt;number&gt;</c>: one SMS per licence and
/// reminder, since the SMS path sends each (case, event) once (decision 0501).
/// </summary>
public static class LicenceReminder
{
    private const string Prefix = "licence-expiring-";

    public static string EventOf(int days, string number) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{days}-{number}");

    public static bool TryParse(string smsEvent, out int days, out string number)
    {
        ArgumentNullException.ThrowIfNull(smsEvent);
        days = 0;
        number = "";
        if (!smsEvent.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var rest = smsEvent[Prefix.Length..];
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out days)) return false;
        number = rest[(dash + 1)..];
        return number.Length > 0;
    }
}
