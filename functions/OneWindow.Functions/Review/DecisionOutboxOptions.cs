using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace OneWindow.Functions.Review;

/// <summary>
/// The decision outbox (<c>Review:Outbox:*</c>, decision 0760). <see cref="MinAge"/>: how old a record must be before the
/// replay timer raises it (younger ones are most likely being raised by their route right now; with the 10 s schedule a
/// lost decision arrives within 20 s). <see cref="IndexGrace"/>: how long an index row without its record is kept (the
/// decision's write may still be on its way). <see cref="SkipRaiseDepartment"/> is a fault for tests, honoured in Development
/// only (<c>Review:Faults:SkipDecisionRaiseDepartment</c>): the route writes that department's decisions and their outbox
/// records and stops, as if its host died right after the write.
/// </summary>
public sealed record DecisionOutboxOptions(TimeSpan MinAge, TimeSpan IndexGrace, string? SkipRaiseDepartment = null)
{
    public static DecisionOutboxOptions From(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        static TimeSpan Time(string? value, TimeSpan fallback) =>
            TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var parsed) && parsed >= TimeSpan.Zero ? parsed : fallback;
        return new DecisionOutboxOptions(
            Time(configuration["Review:Outbox:MinAge"], TimeSpan.FromSeconds(10)),
            Time(configuration["Review:Outbox:IndexGrace"], TimeSpan.FromMinutes(5)),
            environment.IsDevelopment() ? configuration["Review:Faults:SkipDecisionRaiseDepartment"] : null);
    }
}
