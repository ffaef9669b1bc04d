using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace OneWindow.Functions.Licences;

/// <summary>Licence settings (<c>Licences:*</c>; README "Configuration").</summary>
public sealed record LicenceOptions
{
    /// <summary>Debian's fonts-noto-cjk: the Simplified Chinese face of the sans collection.</summary>
    public const string DefaultFontPath = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

    /// <summary>The setting the reminder timer's schedule is read from, and its default (hourly).</summary>
    public const string ReminderScheduleSetting = "Licences:ReminderSchedule";
    public const string DefaultReminderSchedule = "0 0 * * * *";

    /// <summary>How many days before the validity ends reminders are sent (one SMS each), e.g. 30 and 7.</summary>
    public IReadOnlyList<int> ReminderDays { get; init; } = [30];

    /// <summary>
    /// The CJK font file the PDFs are rendered with: the copy published beside the app (Azure), else Debian's.
    /// </summary>
    public string FontPath { get; init; } = File.Exists(PublishedFontPath) ? PublishedFontPath : DefaultFontPath;

    private static string PublishedFontPath => Path.Combine(AppContext.BaseDirectory, "fonts", "NotoSansCJK-Regular.ttc");

    /// <summary>The public base URL printed on the licence for online verification.</summary>
    public string VerificationBaseUrl { get; init; } = "http://127.0.0.1:7071";

    public static LicenceOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new LicenceOptions();
        var days = configuration["Licences:ReminderDays"];
        if (!string.IsNullOrWhiteSpace(days))
        {
            var parsed = days.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(d => int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 365 ? n
                    : throw new InvalidOperationException($"Licences:ReminderDays must list whole days 1..365 separated by commas, not '{days}'."))
                .Distinct().OrderDescending().ToArray();
            options = options with { ReminderDays = parsed };
        }

        if (configuration["Licences:FontPath"] is { Length: > 0 } font) options = options with { FontPath = font };
        var baseUrl = configuration["Licences:VerificationBaseUrl"] ?? configuration["Host:BaseUrl"];
        if (!string.IsNullOrWhiteSpace(baseUrl)) options = options with { VerificationBaseUrl = baseUrl.TrimEnd('/') };
        return options;
    }
}
