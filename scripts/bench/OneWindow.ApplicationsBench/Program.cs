using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneWindow.ApplicationsBench;
using OneWindow.Testing;

// Usage: dotnet OneWindow.ApplicationsBench.dll [--users 500] [--load-seconds 120] [--throughput-seconds 60] [--concurrency 16] [--rounds 3]
//        dotnet OneWindow.ApplicationsBench.dll workload [--cases 200] [--in-flight 40] [--poll-ms 250] [--final-poll-ms 100]
//        dotnet OneWindow.ApplicationsBench.dll waiting [--waiting 5000] [--concurrency 16] [--samples 3] [--per-sample 160]
// Starts its own platform (Azurite, Cosmos server, sandbox, functions host on free ports) and prints its reports.
if (args.Length > 0 && args[0] == "workload") return await WorkloadMode.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "waiting") return await WaitingMode.RunAsync(args[1..]);
int users = 500, loadSeconds = 120, throughputSeconds = 60, concurrency = 16, rounds = 3;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--users": users = value; break;
        case "--load-seconds": loadSeconds = value; break;
        case "--throughput-seconds": throughputSeconds = value; break;
        case "--concurrency": concurrency = value; break;
        case "--rounds": rounds = value; break;
        default: throw new ArgumentException("unknown option " + args[i]);
    }
}

Console.WriteLine($"starting the platform (users {users}, load {loadSeconds} s, throughput {throughputSeconds} s x2 in {rounds} rounds, concurrency {concurrency}) ...");
await using var platform = await PlatformInstance.StartAsync(new PlatformOptions
{
    HostEnvironment = { ["Logging__LogLevel__Default"] = "Warning", ["Logging__LogLevel__OneWindow"] = "Warning" },
});
using var cosmos = platform.Stack.Cosmos.CreateClient();
var deadline = DateTime.UtcNow.AddSeconds(90);
while ((await platform.Client.GetAsync("api/catalog/items/" + ApplicantClient.Item)).StatusCode != HttpStatusCode.OK)
{
    if (DateTime.UtcNow > deadline) throw new TimeoutException("catalog not seeded");
    await Task.Delay(250);
}

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
using var blobs = new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(60) };
HttpClient Api(string token)
{
    var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = platform.HostUrl, Timeout = TimeSpan.FromSeconds(60) };
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return client;
}

// ---- Part 1: the specification's load: users online at once, 5–15 s between requests ----
var load = new LatencyLog();
var tokens = new string[users];
for (var u = 0; u < users; u++) tokens[u] = await platform.TokenAsync($"bench-user-{u}", "压测用户", ["applicant"]);
var loadEnd = DateTime.UtcNow.AddSeconds(loadSeconds);
var anonymous = new ApplicantClient(new HttpClient(handler, false) { BaseAddress = platform.HostUrl }, blobs, load);
var started = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, users).Select(async u =>
{
    var random = new Random(u);
    using var api = Api(tokens[u]);
    var client = new ApplicantClient(api, blobs, load);
    string? pendingUpload = null, applicationId = null, number = null;
    var submissions = 0;
    await Task.Delay(TimeSpan.FromSeconds(random.NextDouble() * 10)); // users arrive over the first seconds
    while (DateTime.UtcNow < loadEnd)
    {
        var roll = random.NextDouble();
        if (roll < 0.35)
        {
            if (random.NextDouble() < 0.5) await client.GetAsync("GET /api/catalog/items", "api/catalog/items");
            else await client.GetAsync("GET /api/catalog/items/{code}", "api/catalog/items/" + ApplicantClient.Item);
        }
        else if (roll < 0.70)
        {
            if (applicationId is null) await client.GetAsync("GET /api/applications", "api/applications");
            else if (random.NextDouble() < 0.7) await client.GetAsync("GET /api/applications/{id}", "api/applications/" + applicationId);
            else await anonymous.GetAsync("GET /api/track/{number}", "api/track/" + number);
        }
        else if (roll < 0.85 || pendingUpload is null)
        {
            pendingUpload = await client.UploadAsync($"user-{u}");
        }
        else
        {
            var answer = await client.SubmitAsync(pendingUpload, ApplicantClient.IdNumber(u), ApplicantClient.Phone(u), $"load-{u}-{submissions++}");
            pendingUpload = null;
            if (answer is not null) (applicationId, number) = ((string)answer["id"]!, (string)answer["number"]!);
        }

        await Task.Delay(TimeSpan.FromSeconds(5 + random.NextDouble() * 10));
    }
}));
var loadElapsed = started.Elapsed;

// ---- Part 2: submissions per second, the platform next to the bare endpoint, same run ----
await using var bare = await BareSubmissionEndpoint.StartAsync(cosmos, platform.Database, platform.Stack.Azurite.ConnectionString, FreePort.Next());
var workerTokens = new string[concurrency];
for (var w = 0; w < concurrency; w++) workerTokens[w] = await platform.TokenAsync($"bench-worker-{w}", "压测用户", ["applicant"]);

async Task<(double PerSecond, int Done, int Errors, double Seconds)> MeasureAsync(string label, Func<int, string, int, HttpClient, Task<bool>> submit)
{
    // Each submission uses a fresh upload (reserved and written before the clock starts), as real ones do.
    var perWorker = Math.Max(20, throughputSeconds * 80 / rounds / concurrency);
    var prepared = new List<string>[concurrency];
    var setupLog = new LatencyLog();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async w =>
    {
        using var api = Api(workerTokens[w]);
        var client = new ApplicantClient(api, blobs, setupLog);
        prepared[w] = [];
        for (var n = 0; n < perWorker; n++) if (await client.UploadAsync($"{label}-{w}-{n}") is { } id) prepared[w].Add(id);
    }));
    int done = 0, errors = 0;
    var end = DateTime.UtcNow.AddSeconds(throughputSeconds / (double)rounds);
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async w =>
    {
        using var api = Api(workerTokens[w]);
        foreach (var upload in prepared[w])
        {
            if (DateTime.UtcNow >= end) break;
            if (await submit(w, upload, Interlocked.Increment(ref done), api)) continue;
            Interlocked.Increment(ref errors);
        }
    }));
    var seconds = clock.Elapsed.TotalSeconds;
    return ((done - errors) / seconds, done, errors, seconds);
}

using var bareClient = new HttpClient(handler, false) { BaseAddress = bare.Url, Timeout = TimeSpan.FromSeconds(60) };
var submissionNumber = 0;

// Rounds alternate platform and bare so that load from anything else on the machine falls on both alike.
var (platformDone, platformErrors, platformSeconds, bareDone, bareErrors, bareSeconds) = (0, 0, 0.0, 0, 0, 0.0);
for (var round = 0; round < rounds; round++)
{
    var p = await MeasureAsync("platform", async (w, upload, _, api) =>
    {
        var n = Interlocked.Increment(ref submissionNumber);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/applications") { Content = JsonContent.Create(ApplicantClient.Body(upload, ApplicantClient.IdNumber(n), ApplicantClient.Phone(n))) };
        request.Headers.Add("Idempotency-Key", $"throughput-{n}");
        using var response = await api.SendAsync(request);
        return response.StatusCode == HttpStatusCode.Accepted;
    });
    var b = await MeasureAsync("bare", async (w, upload, _, _) =>
    {
        var n = Interlocked.Increment(ref submissionNumber);
        using var response = await bareClient.PostAsJsonAsync("bare/submissions", new JsonObject { ["subject"] = $"bench-worker-{w}", ["key"] = $"bare-{n}", ["uploadId"] = upload });
        return response.StatusCode == HttpStatusCode.Accepted;
    });
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: platform {p.PerSecond:F1}/s, bare {b.PerSecond:F1}/s"));
    (platformDone, platformErrors, platformSeconds) = (platformDone + p.Done, platformErrors + p.Errors, platformSeconds + p.Seconds);
    (bareDone, bareErrors, bareSeconds) = (bareDone + b.Done, bareErrors + b.Errors, bareSeconds + b.Seconds);
}

var platformRate = (PerSecond: (platformDone - platformErrors) / platformSeconds, Done: platformDone, Errors: platformErrors);
var bareRate = (PerSecond: (bareDone - bareErrors) / bareSeconds, Done: bareDone, Errors: bareErrors);

Console.WriteLine();
Console.WriteLine($"Part 1: {users} users online, 5-15 s think time, {loadElapsed.TotalSeconds:F0} s (goal: p95 <= 1000 ms on every route, no errors)");
foreach (var line in load.Report()) Console.WriteLine(line);
var worst = load.Routes.Max(load.P95);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"worst p95 {worst:F0} ms, errors {load.TotalErrors}: {(worst <= 1000 && load.TotalErrors == 0 ? "goal met" : "goal NOT met")}"));
Console.WriteLine();
Console.WriteLine($"Part 2: submissions per second, {concurrency} concurrent clients, {throughputSeconds} s each in {rounds} alternating rounds (goal: platform >= 70% of bare)");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"platform POST /api/applications  {platformRate.PerSecond,8:F1}/s  ({platformRate.Done} requests, {platformRate.Errors} errors)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bare Cosmos+Blob endpoint        {bareRate.PerSecond,8:F1}/s  ({bareRate.Done} requests, {bareRate.Errors} errors)"));
var ratio = platformRate.PerSecond / bareRate.PerSecond;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"platform / bare = {ratio:P0}: {(ratio >= 0.7 ? "goal met" : "goal NOT met")}"));
return 0;
