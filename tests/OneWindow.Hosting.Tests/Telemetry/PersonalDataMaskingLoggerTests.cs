using Microsoft.Extensions.Logging;
using OneWindow.Hosting.Telemetry;
using Xunit;

namespace OneWindow.Hosting.Tests.Telemetry;

public sealed class PersonalDataMaskingLoggerTests
{
    // 11010519491231002X: the GB 11643 standard's own example (check character X).
    private const string IdNumber = "11010519491231002X";
    private const string IdMasked = "110***********002X";
    private const string Phone = "13912343185";
    private const string PhoneMasked = "139****3185";

    private readonly RecordingLoggerProvider recorder = new();

    private ILogger Logger()
    {
        var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(PersonalDataMaskingLoggerProvider.Wrap(recorder)));
        return factory.CreateLogger("OneWindow.Tests");
    }

    private RecordedEntry Single() => Assert.Single(recorder.Entries);

    [Fact]
    public void Numbers_in_template_arguments_are_masked_in_the_message_and_the_state()
    {
        Logger().LogInformation("Applicant {IdNumber} can be reached at {Phone}", IdNumber, Phone);

        var entry = Single();
        Assert.Equal($"Applicant {IdMasked} can be reached at {PhoneMasked}", entry.Message);
        Assert.Equal(IdMasked, entry.Value("IdNumber"));
        Assert.Equal(PhoneMasked, entry.Value("Phone"));
        Assert.Equal("Applicant {IdNumber} can be reached at {Phone}", entry.Value("{OriginalFormat}"));
        Assert.Equal(["IdNumber", "Phone", "{OriginalFormat}"], entry.Values.Select(v => v.Key));
        Assert.Equal(entry.Message, entry.State!.ToString());
    }

    [Fact]
    public void Numbers_in_a_plain_message_are_masked_in_the_message_and_the_original_format()
    {
#pragma warning disable CA2254 // The point: a message built by concatenation, as a careless log line would be.
        Logger().LogWarning("SMS to " + Phone + " for " + IdNumber + " failed");
#pragma warning restore CA2254

        var entry = Single();
        Assert.Equal($"SMS to {PhoneMasked} for {IdMasked} failed", entry.Message);
        Assert.Equal(entry.Message, entry.Value("{OriginalFormat}"));
        Assert.DoesNotContain(entry.Values, v => v.Value is string s && (s.Contains(Phone, StringComparison.Ordinal) || s.Contains(IdNumber, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Applicant {Phone}", "+8613912343185", "+86139****3185")]
    [InlineData("Applicant {Phone}", "8613912343185", "86139****3185")]
    [InlineData("Applicant {Phone}", "139-1234-3185", "139-****-3185")]
    [InlineData("Applicant {Phone}", "139 1234 3185", "139 **** 3185")]
    [InlineData("Applicant {Id}", "11010519491231002x", "110***********002x")]
    [InlineData("Applicant {Id}", "id=11010519491231002X,", "id=110***********002X,")]
    [InlineData("Key {Key}", "sms-13912343185-accepted", "sms-139****3185-accepted")]
    [InlineData("Text {Text}", "联系电话13912343185。", "联系电话139****3185。")]
    public void Written_forms_the_domain_accepts_are_masked(string template, string value, string masked)
    {
#pragma warning disable CA2254
        Logger().LogInformation(template, value);
#pragma warning restore CA2254

        var entry = Single();
        Assert.Equal(masked, entry.Values[0].Value);
        Assert.Equal(template.Replace("{" + entry.Values[0].Key + "}", masked, StringComparison.Ordinal), entry.Message);
    }

    [Fact]
    public void A_number_argument_is_masked_as_its_text()
    {
        Logger().LogInformation("Calling {Phone} about {Count} cases", 13912343185L, 3);

        var entry = Single();
        Assert.Equal($"Calling {PhoneMasked} about 3 cases", entry.Message);
        Assert.Equal(PhoneMasked, entry.Value("Phone"));
        Assert.Equal(3, entry.Value("Count"));
    }

    [Fact]
    public void An_object_argument_that_prints_a_number_is_masked()
    {
        Logger().LogInformation("Applicant {Applicant}", new Applicant(Phone));

        var entry = Single();
        Assert.Equal($"Applicant Applicant {{ Phone = {PhoneMasked} }}", entry.Message);
        Assert.Equal($"Applicant {{ Phone = {PhoneMasked} }}", entry.Value("Applicant"));
    }

    [Theory]
    [InlineData("1764460800000")] // a 13-digit Unix time in milliseconds
    [InlineData("341881-20261130-0021")] // a case number
    [InlineData("1391234318")] // 10 digits
    [InlineData("139123431850")] // 12 digits
    [InlineData("12912343185")] // 11 digits, but 12 is no mobile prefix
    [InlineData("110105194912310021")] // 18 digits with a wrong check character (the right one is X)
    [InlineData("110105202302300026")] // right check character, but 30 February
    [InlineData("91350100M000100Y43")] // an enterprise's unified social credit code
    [InlineData("2f0c1d7e4b6a4c55a13912343185bcde")] // mobile-like digits inside a hex id
    [InlineData("2f0c1d7e-4b6a-4c55-9f1e-000000000000")]
    public void Numbers_that_are_not_personal_data_pass_unchanged(string value)
    {
        var state = new[] { new KeyValuePair<string, object?>("Value", value), new KeyValuePair<string, object?>("{OriginalFormat}", "Value {Value}") };
        Func<KeyValuePair<string, object?>[], Exception?, string> formatter = (s, _) => "Value " + s[0].Value;
        var logger = PersonalDataMaskingLoggerProvider.Wrap(recorder).CreateLogger("c");

        logger.Log(LogLevel.Information, default, state, null, formatter);
        logger.LogInformation("Value {Value} at {Time}", value, 1764460800000L);

        var direct = recorder.Entries.First();
        Assert.Same(state, direct.State);
        Assert.Same(formatter, direct.Formatter);
        Assert.Equal("Value " + value + " at 1764460800000", recorder.Entries.Last().Message);
    }

    [Fact]
    public void Exceptions_pass_through_unchanged()
    {
        var failure = new InvalidOperationException("gateway down");
        Logger().LogError(failure, "SMS to {Phone} failed", Phone);
        Logger().LogError(failure, "Gateway failed");

        Assert.All(recorder.Entries, e => Assert.Same(failure, e.Exception));
        Assert.Equal(["SMS to " + PhoneMasked + " failed", "Gateway failed"], recorder.Entries.Select(e => e.Message));
    }

    [Fact]
    public void Scopes_pass_through_unchanged()
    {
        var logger = Logger();
        var scope = new Dictionary<string, object?> { ["CaseId"] = "c-1" };
        using (logger.BeginScope(scope))
        {
            logger.LogInformation("SMS to {Phone}", Phone);
        }

        Assert.Same(scope, Assert.Single(Single().Scopes));
    }

    [Fact]
    public void Event_id_and_level_pass_through()
    {
        Logger().Log(LogLevel.Critical, new EventId(42, "Sent"), "to {Phone}", Phone);

        var entry = Single();
        Assert.Equal((LogLevel.Critical, 42, "Sent"), (entry.Level, entry.EventId.Id, entry.EventId.Name));
    }

    [Fact]
    public void Custom_state_is_masked_through_its_message()
    {
        var logger = PersonalDataMaskingLoggerProvider.Wrap(recorder).CreateLogger("c");
        logger.Log(LogLevel.Information, default, new Applicant(Phone), null, (s, _) => "to " + s.Phone);

        Assert.Equal("to " + PhoneMasked, Single().Message);
        Assert.DoesNotContain(Phone, Single().State!.ToString()!, StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_without_personal_data_cost_no_allocation()
    {
        var logger = PersonalDataMaskingLoggerProvider.Wrap(new SilentLoggerProvider()).CreateLogger("c");
        IReadOnlyList<KeyValuePair<string, object?>> state =
        [
            new("Number", "341881-20261130-0021"), new("At", 1764460800000L), new("When", DateTimeOffset.UnixEpoch), new("Id", Guid.Empty),
            new("Attempt", 3), new("{OriginalFormat}", "Case {Number} at {At} {When} {Id} attempt {Attempt}"),
        ];
        Func<IReadOnlyList<KeyValuePair<string, object?>>, Exception?, string> formatter = static (s, _) => s.ToString()!;
        logger.Log(LogLevel.Information, default, state, null, formatter);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            logger.Log(LogLevel.Information, default, state, null, formatter);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void The_scanner_masks_every_match_and_copies_nothing_without_one()
    {
        const string clean = "case 341881-20261130-0021 at 1764460800000";
        Assert.Same(clean, PersonalDataScanner.Mask(clean));
        Assert.False(PersonalDataScanner.TryMask(clean, out _));
        Assert.Equal($"{PhoneMasked},{IdMasked} {PhoneMasked}", PersonalDataScanner.Mask($"{Phone},{IdNumber} {Phone}"));
        Assert.Null(PersonalDataScanner.Mask(null));
    }

    private sealed record Applicant(string Phone);
}
