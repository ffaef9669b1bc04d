using System.Diagnostics;
using System.Globalization;
using System.Net;
using Azure.Data.Tables;
using OneWindow.Testing;

namespace OneWindow.ApplicationsBench;

/// <summary>
/// Submissions per second (<c>POST /api/applications</c>, a fixed number of closed-loop clients, each submission with
/// an upload reserved and written before the clock starts) with no cases waiting, then with N submitted cases waiting
/// on their Art. 32 acceptance-window timers (5 days), in the same run and platform; and the host's peak resident memory
/// (VmHWM) with N waiting. CPU of the host and Azurite is sampled over each measured window.
/// </summary>
internal static class WaitingMode
{
    public static async Task<int> RunAsync(string[] args)
    {
        int waiting = 5000, concurrency = 16, samples = 3, perSample = 160, settleSeconds = 10;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--waiting": waiting = value; break;
                case "--concurrency": concurrency = value; break;
                case "--samples": samples = value; break;
                case "--per-sample": perSample = value; break;
                case "--settle-seconds": settleSeconds = value; break;
                default: throw new ArgumentException("unknown option " + args[i]);
            }
        }

        Console.WriteLine($"waiting cases: {samples} x {perSample} submissions by {concurrency} clients with none waiting, then {waiting} submitted cases waiting on their acceptance-window timers, {settleSeconds} s settling, {samples} x {perSample} again; load average {ProcStats.LoadAverage()}");
        await using var platform = await BenchHttp.StartPlatformAsync("api/catalog/items/" + ApplicantClient.Item);
        using var http = new BenchHttp(platform);
        using var blobs = http.Blobs();
        var workers = new HttpClient[concurrency];
        for (var w = 0; w < concurrency; w++) workers[w] = http.Api(await platform.TokenAsync($"bench-waiting-{w}", "压测用户", ["applicant"]));
        var hostPid = platform.Host!.Id;
        var azuritePid = platform.Stack.Azurite.Process.Id;
        var submitted = 0;

        async Task SubmitAsync(HttpClient api, string upload)
        {
            var n = Interlocked.Increment(ref submitted);
            await BenchHttp.ExpectAsync(api, HttpMethod.Post, "api/applications", ApplicantClient.Body(upload, ApplicantClient.IdNumber(n), ApplicantClient.Phone(n)), HttpStatusCode.Accepted, $"waiting-bench-{n}");
        }

        // One sample: uploads prepared first, then the clock runs over the submissions only.
        async Task<(double Rate, double HostCpu, double AzuriteCpu)> SampleAsync(string label)
        {
            var prepared = new List<string>[concurrency];
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async w =>
            {
                prepared[w] = [];
                for (var k = w; k < perSample; k += concurrency) prepared[w].Add(await BenchHttp.UploadAsync(workers[w], blobs, $"{label}-{k}"));
            }));
            var cpu = new ProcStats.CpuWindow(hostPid, azuritePid);
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async w =>
            {
                foreach (var upload in prepared[w]) await SubmitAsync(workers[w], upload);
            }));
            var seconds = cpu.Elapsed.TotalSeconds;
            var percent = cpu.Percent();
            var rate = perSample / seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label}: {perSample} submissions in {seconds:F1} s = {rate:F1}/s; CPU host {percent[0]:F0}%, Azurite {percent[1]:F0}%; load {ProcStats.LoadAverage()}"));
            return (rate, percent[0], percent[1]);
        }

        var none = new List<(double Rate, double HostCpu, double AzuriteCpu)>();
        for (var s = 0; s < samples; s++) none.Add(await SampleAsync($"none-{s + 1}"));
        var hwmNone = ProcStats.StatusMb("VmHWM", hostPid.ToString(CultureInfo.InvariantCulture));

        // The waiting cases: each an upload and a submission, left in "submitted" (the orchestration on its 5-day timer).
        Console.WriteLine($"submitting {waiting} cases that stay waiting ...");
        var fill = Stopwatch.StartNew();
        var fillCpu = new ProcStats.CpuWindow(hostPid, azuritePid);
        var next = -1;
        var lastReport = Stopwatch.StartNew();
        var lastCount = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            int k;
            while ((k = Interlocked.Increment(ref next)) < waiting)
            {
                await SubmitAsync(workers[w], await BenchHttp.UploadAsync(workers[w], blobs, $"waiting-{k}"));
                if ((k + 1) % 500 == 0)
                {
                    double window;
                    int count;
                    lock (lastReport)
                    {
                        window = lastReport.Elapsed.TotalSeconds;
                        count = k + 1 - lastCount;
                        lastCount = k + 1;
                        lastReport.Restart();
                    }

                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {k + 1} waiting after {fill.Elapsed.TotalSeconds:F0} s (last {count} at {count / window:F1}/s, upload + submit); load {ProcStats.LoadAverage()}"));
                }
            }
        })));
        var fillPercent = fillCpu.Percent();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {waiting} submitted in {fill.Elapsed.TotalSeconds:F0} s ({waiting / fill.Elapsed.TotalSeconds:F1}/s with their uploads); CPU host {fillPercent[0]:F0}%, Azurite {fillPercent[1]:F0}%"));
        await Task.Delay(TimeSpan.FromSeconds(settleSeconds));

        var with = new List<(double Rate, double HostCpu, double AzuriteCpu)>();
        for (var s = 0; s < samples; s++) with.Add(await SampleAsync($"{waiting}-waiting-{s + 1}"));
        var hwm = ProcStats.StatusMb("VmHWM", hostPid.ToString(CultureInfo.InvariantCulture));
        var rss = ProcStats.StatusMb("VmRSS", hostPid.ToString(CultureInfo.InvariantCulture));
        var azuriteRss = ProcStats.StatusMb("VmRSS", azuritePid.ToString(CultureInfo.InvariantCulture));

        // How many case orchestrations are waiting (the task hub's instance table).
        var table = new TableClient(platform.Stack.Azurite.ConnectionString, platform.TaskHub + "Instances");
        int running = 0, total = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["RuntimeStatus"]))
        {
            total++;
            if (row.GetString("RuntimeStatus") is "Running" or "Pending") running++;
        }

        double Median(IEnumerable<double> values) => WorkloadMode.Percentile(values, 0.5);
        var rateNone = Median(none.Select(x => x.Rate));
        var rateWith = Median(with.Select(x => x.Rate));
        var ratio = rateWith / rateNone;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Waiting cases: POST /api/applications by {concurrency} clients, medians of {samples} x {perSample}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  none waiting   {rateNone,7:F1}/s  (samples {string.Join(" / ", none.Select(x => x.Rate.ToString("F1", CultureInfo.InvariantCulture)))}; CPU host {Median(none.Select(x => x.HostCpu)):F0}%, Azurite {Median(none.Select(x => x.AzuriteCpu)):F0}%)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {waiting} waiting   {rateWith,7:F1}/s  (samples {string.Join(" / ", with.Select(x => x.Rate.ToString("F1", CultureInfo.InvariantCulture)))}; CPU host {Median(with.Select(x => x.HostCpu)):F0}%, Azurite {Median(with.Select(x => x.AzuriteCpu)):F0}%)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  with N / none = {ratio:P0} (goal >= 85%: {(ratio >= 0.85 ? "met" : "NOT met")})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  host VmHWM {hwm:F0} MB (before the waiting cases {hwmNone:F0} MB; goal <= 400 MB: {(hwm <= 400 ? "met" : "NOT met")}), VmRSS now {rss:F0} MB; Azurite RSS {azuriteRss:F0} MB"));
        Console.WriteLine($"  task hub instances: {total}, running or pending {running}; load average at the end {ProcStats.LoadAverage()}");
        foreach (var w in workers) w.Dispose();
        var expected = waiting + 2 * samples * perSample;
        if (running < expected)
        {
            Console.WriteLine($"BENCHMARK CHECK FAILED: {running} case orchestrations running, expected {expected} waiting");
            return 1;
        }

        return 0;
    }
}
