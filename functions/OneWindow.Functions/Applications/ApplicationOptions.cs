using System.Xml;
using Microsoft.Extensions.Configuration;
using OneWindow.Domain.Uploads;

namespace OneWindow.Functions.Applications;

/// <summary>
/// Settings of the applications feature (section <c>Applications</c>). Durations are ISO 8601 (<c>P5D</c>, <c>PT30S</c>)
/// or .NET time spans.
/// </summary>
public sealed record ApplicationOptions
{
    /// <summary>Art. 32: without the window's answer within this period the case counts as accepted from submission.</summary>
    public TimeSpan AcceptanceWindow { get; init; } = TimeSpan.FromDays(5);

    /// <summary>The county's administrative division code at the start of application numbers.</summary>
    public string CountyCode { get; init; } = "341881";

    /// <summary>How long an upload URL (SAS) stays valid.</summary>
    public TimeSpan UploadUrlLifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an unused upload may still be used; afterwards it is refused and swept.</summary>
    public TimeSpan UploadRetention { get; init; } = TimeSpan.FromDays(1);

    public long UploadMaxBytes { get; init; } = UploadRules.DefaultMaxBytes;

    public static ApplicationOptions From(IConfiguration configuration)
    {
        var s = configuration.GetSection("Applications");
        var defaults = new ApplicationOptions();
        return new ApplicationOptions
        {
            AcceptanceWindow = Duration(s["AcceptanceWindow"]) ?? defaults.AcceptanceWindow,
            CountyCode = s["CountyCode"] ?? defaults.CountyCode,
            UploadUrlLifetime = Duration(s["UploadUrlLifetime"]) ?? defaults.UploadUrlLifetime,
            UploadRetention = Duration(s["UploadRetention"]) ?? defaults.UploadRetention,
            UploadMaxBytes = long.TryParse(s["UploadMaxBytes"], out var max) && max > 0 ? max : defaults.UploadMaxBytes,
        };
    }

    private static TimeSpan? Duration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (text.StartsWith('P')) return XmlConvert.ToTimeSpan(text);
        return TimeSpan.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }
}
