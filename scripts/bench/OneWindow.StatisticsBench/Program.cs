using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Azure.Cosmos;
using OneWindow.Data.Supervision;
using OneWindow.Domain.Supervision;
using OneWindow.Testing;

// Usage: dotnet OneWindow.StatisticsBench.dll [--small 100] [--large 100000] [--requests 300] [--max-ratio 1.2]
// Starts its own platform (Azurite, Cosmos server, functions host on free ports; no sandbox), seeds the counter documents
// of two periods of three months directly (as the activities would have left them after `small` and `large` cases),
// then asks GET /api/supervision/stats for the two periods alternately and compares the medians.
int small = 100, large = 100_000, requests = 300;
var maxRatio = 1.2;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--small": small = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--large": large = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--requests": requests = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--max-ratio": maxRatio = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default: throw new ArgumentException("unknown option " + args[i]);
    }
}

Console.WriteLine($"starting the platform (small {small} cases, large {large} cases, {requests} requests each) ...");
await using var platform = await PlatformInstance.StartAsync(new PlatformOptions
{
    StartSandbox = false,
    HostEnvironment =
    {
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__OneWindow"] = "Warning",
        ["RateLimiting__Enabled"] = "false",
    },
});
var deadline = DateTime.UtcNow.AddSeconds(90);
using var admin = platform.ClientWithToken(await platform.TokenAsync("bench-admin", "管理员", ["admin"]));
while ((await admin.GetAsync("api/admin/departments")).StatusCode != HttpStatusCode.OK || (await admin.GetStringAsync("api/admin/departments")).Length < 10)
{
    if (DateTime.UtcNow > deadline) throw new TimeoutException("catalog not seeded");
    await Task.Delay(250);
}

var departments = JsonDocument.Parse(await admin.GetStringAsync("api/admin/departments")).RootElement.EnumerateArray().Select(d => d.GetProperty("code").GetString()!).ToArray();
using var cosmos = platform.Stack.Cosmos.CreateClient();
var container = cosmos.GetContainer(platform.Database, CosmosStatisticsStore.ContainerName);

// Two periods of three whole months, far from today's counters: one seeded with few cases, one with many.
var smallPeriod = (From: new DateOnly(2025, 1, 1), To: new DateOnly(2025, 3, 31));
var largePeriod = (From: new DateOnly(2024, 1, 1), To: new DateOnly(2024, 3, 31));
var seeded = await SeedAsync(container, departments, smallPeriod.From, small, 1) + await SeedAsync(container, departments, largePeriod.From, large, 2);
Console.WriteLine($"seeded {seeded} counter documents for {departments.Length} departments and the county");

using var supervisor = platform.ClientWithToken(await platform.TokenAsync("bench-supervisor", "督查员", ["supervisor"]));
string Url((DateOnly From, DateOnly To) p) => $"api/supervision/stats?from={p.From:yyyy-MM-dd}&to={p.To:yyyy-MM-dd}";

// The answers must be the seeded totals (the route reads what was seeded, not an empty period).
foreach (var (period, cases) in new[] { (smallPeriod, small), (largePeriod, large) })
{
    var rows = JsonDocument.Parse(await supervisor.GetStringAsync(Url(period))).RootElement;
    var received = rows.EnumerateArray().Sum(r => r.GetProperty("received").GetInt32());
    if (received != cases) throw new InvalidOperationException($"{Url(period)} counted {received} received tasks, seeded {cases}");
}

for (var i = 0; i < 30; i++)
{
    await TimeAsync(supervisor, Url(smallPeriod));
    await TimeAsync(supervisor, Url(largePeriod));
}

var smallTimes = new List<double>();
var largeTimes = new List<double>();
for (var i = 0; i < requests; i++)
{
    // Alternating (and swapping which goes first) so drift of the machine affects both alike.
    if (i % 2 == 0)
    {
        smallTimes.Add(await TimeAsync(supervisor, Url(smallPeriod)));
        largeTimes.Add(await TimeAsync(supervisor, Url(largePeriod)));
    }
    else
    {
        largeTimes.Add(await TimeAsync(supervisor, Url(largePeriod)));
        smallTimes.Add(await TimeAsync(supervisor, Url(smallPeriod)));
    }
}

double Median(List<double> xs) { var s = xs.Order().ToArray(); return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2; }
double P95(List<double> xs) => xs.Order().ElementAt((int)Math.Ceiling(xs.Count * 0.95) - 1);
var (m1, m2) = (Median(smallTimes), Median(largeTimes));
var ratio = m2 / m1;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GET /api/supervision/stats, {departments.Length} departments x 3 months, {requests} requests each, interleaved"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {small,7} cases: median {m1:F2} ms, p95 {P95(smallTimes):F2} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {large,7} cases: median {m2:F2} ms, p95 {P95(largeTimes):F2} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio of the medians {ratio:F3} (limit {maxRatio})"));
return ratio <= maxRatio ? 0 : 1;

static async Task<double> TimeAsync(HttpClient client, string url)
{
    var watch = Stopwatch.StartNew();
    using var response = await client.GetAsync(url);
    await response.Content.ReadAsByteArrayAsync();
    watch.Stop();
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
    return watch.Elapsed.TotalMilliseconds;
}

// Writes the month documents of every department and the county for three months from `start`, as CaseStatistics would
// have left them after `cases` cases (one review task each, spread over departments and days; the recent-key list as
// full as that many changes would make it). Returns how many documents were written.
static async Task<int> SeedAsync(Container container, string[] departments, DateOnly start, int cases, int seed)
{
    var random = new Random(seed);
    var figures = new Dictionary<(string Scope, int Month, int Day), StatisticsFigures>();
    void Add(string scope, DateOnly day, Func<StatisticsFigures, StatisticsFigures> change)
    {
        var key = (scope, day.Month, day.Day);
        figures[key] = change(figures.GetValueOrDefault(key) ?? new StatisticsFigures());
    }

    var end = start.AddMonths(3).AddDays(-1);
    var span = end.DayNumber - start.DayNumber + 1;
    for (var c = 0; c < cases; c++)
    {
        var day = start.AddDays(random.Next(span));
        var department = departments[random.Next(departments.Length)];
        var onTime = random.NextDouble() < 0.95;
        var took = Math.Round(random.NextDouble() * 5, 3);
        Add(department, day, f => f with { Received = f.Received + 1, Completed = f.Completed + 1, OnTime = f.OnTime + (onTime ? 1 : 0), Overdue = f.Overdue + (onTime ? 0 : 1), WorkingDays = f.WorkingDays + took });
        Add(StatisticsFigures.County, day, f => f with { Submitted = f.Submitted + 1, Online = f.Online + 1, Finished = f.Finished + 1, FinishedOnTime = f.FinishedOnTime + (onTime ? 1 : 0) });
        if (c % 10 == 0)
        {
            var score = random.Next(1, 6);
            Add(department, day, f => f with { Evaluations = f.Evaluations + 1, ScoreSum = f.ScoreSum + score });
        }
    }

    var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    var written = 0;
    foreach (var group in figures.GroupBy(f => (f.Key.Scope, f.Key.Month)))
    {
        var changes = group.Sum(g => g.Value.Received + g.Value.Completed + g.Value.Submitted + g.Value.Finished + g.Value.Evaluations);
        var empty = StatisticsMonth.Create(group.Key.Scope, start.Year, group.Key.Month);
        var keys = Enumerable.Range(0, Math.Min(StatisticsMonth.RecentKeys, changes)).Select(k => StatisticsMonth.KeyOf($"completed:app-bench{seed}{k:D8}-s1-item"));
        var month = empty with
        {
            Days = empty.Days.ToDictionary(d => d.Key, d => group.FirstOrDefault(g => g.Key.Day.ToString("D2", CultureInfo.InvariantCulture) == d.Key).Value ?? d.Value),
            Recent = [.. empty.Recent.Skip(Math.Min(StatisticsMonth.RecentKeys, changes)), .. keys],
        };
        var id = StatisticsMonth.IdOf(group.Key.Scope, start.Year, group.Key.Month);
        using var stream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new { id, body = month }, json));
        using var response = await container.UpsertItemStreamAsync(stream, new PartitionKey(id));
        response.EnsureSuccessStatusCode();
        written++;
    }

    return written;
}
