using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using OneWindow.Testing;

namespace OneWindow.ApplicationsBench;

/// <summary>
/// Whole-flow workload: cases of the <c>open-restaurant</c> package driven from upload to <c>approved</c> as fast as the
/// platform allows (a fixed number of cases in flight): upload every required material, submit, the clerk accepts,
/// market-regulation and health approve through signed webhooks (the sandbox signs them), fire-rescue through its
/// worklist route, then market-regulation consolidates. Prints cases/s over the run and p50/p95 of the time from the
/// last decision (the consolidation's 202) to the first poll that reads <c>approved</c>; checks every case ended approved.
/// </summary>
internal static class WorkloadMode
{
    private const string Package = "open-restaurant";
    private const string Lead = "market-regulation";
    private const string SecondWebhook = "health";
    private const string Worklist = "fire-rescue";

    public static async Task<int> RunAsync(string[] args)
    {
        int cases = 200, inFlight = 40, pollMs = 250, finalPollMs = 100, acceptAfterStart = 0;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--cases": cases = value; break;
                case "--in-flight": inFlight = value; break;
                case "--poll-ms": pollMs = value; break;
                case "--final-poll-ms": finalPollMs = value; break;
                case "--accept-after-start": acceptAfterStart = value; break;
                default: throw new ArgumentException("unknown option " + args[i]);
            }
        }

        Console.WriteLine($"workload: {cases} {Package} cases, {inFlight} in flight, polls every {pollMs} ms ({finalPollMs} ms after the last decision); load average {ProcStats.LoadAverage()}");
        // DTFx's warnings that it dropped messages, kept to match them with cases that do not finish.
        var dropped = new ConcurrentQueue<string>();
        await using var platform = await BenchHttp.StartPlatformAsync($"api/catalog/packages/{Package}/plan", (_, line) =>
        {
            if (line.Contains("Discarding", StringComparison.Ordinal) || line.Contains("Abandoning", StringComparison.Ordinal)) dropped.Enqueue(line.Trim());
        });
        var instances = new TableClient(platform.Stack.Azurite.ConnectionString, platform.TaskHub + "Instances");
        if (acceptAfterStart != 0) Console.WriteLine("the clerk accepts only once the case orchestration has run its first work item (custom status set in the instance table)");
        using var http = new BenchHttp(platform);
        using var anonymous = http.Api(null);
        var plan = await BenchHttp.ExpectAsync(anonymous, HttpMethod.Get, $"api/catalog/packages/{Package}/plan", null, HttpStatusCode.OK);
        // Every required material of the plan, except those of situations the applicant answers "no" (as the review tests do).
        var materials = plan["materials"]!.AsArray().Where(m => (bool)m!["required"]!).Select(m => (string)m!["code"]!)
            .Where(c => c is not ("cold-food-process" or "online-sales")).ToArray();
        Console.WriteLine($"materials per case: {materials.Length} ({string.Join(", ", materials)})");

        using var clerk = http.Api(await platform.TokenAsync("bench-clerk", "压测窗口", ["clerk"]));
        using var fireReviewer = http.Api(await platform.TokenAsync("bench-reviewer-fire", "压测审查", ["reviewer"], Worklist));
        using var supervisor = http.Api(await platform.TokenAsync("bench-supervisor", "压测督办", ["supervisor"]));
        using var sandbox = http.Sandbox();
        using var blobs = http.Blobs();
        var applicants = new HttpClient[cases];
        for (var i = 0; i < cases; i++) applicants[i] = http.Api(await platform.TokenAsync($"bench-applicant-{i}", "压测申请人", ["applicant"]));

        var ids = new string?[cases];
        var stage = new string[cases];
        Array.Fill(stage, "waiting to start");
        var finalMs = new ConcurrentBag<double>();
        var caseSeconds = new ConcurrentBag<double>();
        var failures = new ConcurrentQueue<string>();

        async Task<JsonNode> WaitCaseAsync(HttpClient client, string id, Func<JsonNode, bool> until, string what, int intervalMs)
        {
            var deadline = DateTime.UtcNow.AddMinutes(5);
            while (true)
            {
                var (status, text) = await BenchHttp.SendAsync(client, HttpMethod.Get, "api/applications/" + id, null);
                if (status == HttpStatusCode.OK && JsonNode.Parse(text) is { } read && until(read)) return read;
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{id}: {what} not seen within 5 minutes; last read {(int)status} {BenchHttp.Trim(text)}");
                await Task.Delay(intervalMs);
            }
        }

        // A decision may reach a task whose document is being written, or a case whose orchestration has not started:
        // 404/409/503 are retried for a while, anything else fails.
        async Task DecideAsync(Func<Task<(HttpStatusCode Status, string Text)>> send, string what)
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (true)
            {
                var (status, text) = await send();
                if (status == HttpStatusCode.Accepted) return;
                if (status is not (HttpStatusCode.NotFound or HttpStatusCode.Conflict or HttpStatusCode.ServiceUnavailable) || DateTime.UtcNow > deadline)
                    throw new InvalidOperationException($"{what} answered {(int)status}: {BenchHttp.Trim(text)}");
                await Task.Delay(pollMs);
            }
        }

        Task<(HttpStatusCode, string)> SandboxDecision(string department, string taskId, string opinion) =>
            BenchHttp.SendAsync(sandbox, HttpMethod.Post, $"sandbox/departments/{department}/decisions", new { taskId, decision = "approve", opinion });

        async Task RunCaseAsync(int n)
        {
            var started = Stopwatch.GetTimestamp();
            var applicant = applicants[n];
            stage[n] = "uploading";
            var list = new JsonArray();
            foreach (var code in materials) list.Add(new JsonObject { ["code"] = code, ["uploadId"] = await BenchHttp.UploadAsync(applicant, blobs, $"{n}-{code}") });
            var phone = ApplicantClient.Phone(n);
            var body = new JsonObject
            {
                ["packageCode"] = Package,
                ["applicant"] = new JsonObject { ["kind"] = "person", ["name"] = "压测用户", ["idNumber"] = ApplicantClient.IdNumber(n), ["phone"] = phone },
                ["form"] = new JsonObject { ["shopName"] = "压测小店", ["contactPhone"] = phone },
                ["materials"] = list,
                ["delivery"] = new JsonObject { ["method"] = "pickup" },
            };
            stage[n] = "submitting";
            var created = await BenchHttp.ExpectAsync(applicant, HttpMethod.Post, "api/applications", body, HttpStatusCode.Accepted, $"workload-{n}-{Guid.NewGuid():N}");
            var id = ids[n] = (string)created["id"]!;

            stage[n] = "submitted";
            await WaitCaseAsync(applicant, id, c => (string?)c["status"] == "submitted", "status submitted", pollMs);
            if (acceptAfterStart != 0)
            {
                var until = DateTime.UtcNow.AddMinutes(5);
                while ((await instances.GetEntityIfExistsAsync<TableEntity>(id, "", select: ["CustomStatus"])) is not { HasValue: true } row || row.Value!.GetString("CustomStatus") is null)
                {
                    if (DateTime.UtcNow > until) throw new TimeoutException($"{id}: the orchestration did not start within 5 minutes");
                    await Task.Delay(pollMs);
                }
            }

            // 503 (Retry-After): the case's orchestration has not started yet, nothing was sent; a client retries.
            await DecideAsync(() => BenchHttp.SendAsync(clerk, HttpMethod.Post, $"api/applications/{id}/acceptance", new { decision = "accept" }), $"{id} acceptance");

            stage[n] = "accepted";
            var review = await WaitCaseAsync(applicant, id, c => c["stages"] is JsonArray { Count: > 0 } s && s[0]!["tasks"] is JsonArray { Count: 3 } t
                && t.All(x => x!["warningAt"] is not null), "three tasks open", pollMs);
            string TaskId(JsonNode c, string department, string kind) =>
                (string)c["stages"]![0]!["tasks"]!.AsArray().First(t => (string?)t!["department"] == department && (string?)t["kind"] == kind)!["id"]!;

            stage[n] = "three deciding";
            await Task.WhenAll(
                DecideAsync(() => SandboxDecision(Lead, TaskId(review, Lead, "review"), "符合食品经营许可条件"), "market-regulation webhook"),
                DecideAsync(() => SandboxDecision(SecondWebhook, TaskId(review, SecondWebhook, "review"), "卫生条件合格"), "health webhook"),
                DecideAsync(() => BenchHttp.SendAsync(fireReviewer, HttpMethod.Post, $"api/tasks/{TaskId(review, Worklist, "review")}/decision", new { decision = "approve", opinion = "消防检查合格" }), "fire-rescue worklist decision"));

            stage[n] = "three approved";
            var consolidating = await WaitCaseAsync(applicant, id, c => c["stages"]![0]!["tasks"]!.AsArray().Any(t => (string?)t!["kind"] == "consolidation"), "consolidation task", pollMs);
            var consolidation = TaskId(consolidating, Lead, "consolidation");
            await DecideAsync(() => SandboxDecision(Lead, consolidation, "三部门意见一致，准予许可"), "consolidation webhook");
            var decided = Stopwatch.GetTimestamp();

            stage[n] = "consolidated";
            await WaitCaseAsync(applicant, id, c => (string?)c["status"] == "approved", "status approved", finalPollMs);
            finalMs.Add(Stopwatch.GetElapsedTime(decided).TotalMilliseconds);
            caseSeconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            stage[n] = "approved";
        }

        var pids = new[] { platform.Host!.Id, platform.Stack.Azurite.Process.Id, platform.Stack.Cosmos.Process.Id, platform.SandboxProcess!.Id, Environment.ProcessId };
        var cpu = new ProcStats.CpuWindow(pids);
        var clock = Stopwatch.StartNew();
        var next = -1;
        var workers = Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < cases)
            {
                try
                {
                    await RunCaseAsync(n);
                }
                catch (Exception e)
                {
                    failures.Enqueue($"case {n} ({ids[n]}) at '{stage[n]}': {e.GetType().Name}: {e.Message}");
                    stage[n] = "FAILED at " + stage[n];
                }
            }
        })));
        while (await Task.WhenAny(workers, Task.Delay(TimeSpan.FromSeconds(15))) != workers)
        {
            Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:F0} s: {string.Join(", ", stage.GroupBy(s => s).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))}; load {ProcStats.LoadAverage()}");
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        var percent = cpu.Percent();

        // The end state, read again by a supervisor: every case approved, its four tasks approved.
        var wrong = new List<string>();
        for (var n = 0; n < cases; n++)
        {
            if (ids[n] is not { } id) { wrong.Add($"case {n}: never submitted"); continue; }
            var c = await BenchHttp.ExpectAsync(supervisor, HttpMethod.Get, "api/applications/" + id, null, HttpStatusCode.OK);
            var tasks = c["stages"] is JsonArray { Count: > 0 } stages ? stages[0]!["tasks"]!.AsArray() : [];
            if ((string?)c["status"] != "approved" || tasks.Count != 4 || tasks.Any(t => (string?)t!["status"] != "approved"))
                wrong.Add($"case {n} ({id}): status {(string?)c["status"]}, tasks {string.Join(", ", tasks.Select(t => $"{t!["department"]}/{t["kind"]}={t["status"]}"))}");
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Workload: {cases} cases in {elapsed:F1} s = {(cases - failures.Count) / elapsed:F2} cases/s approved ({inFlight} in flight); load average at the end {ProcStats.LoadAverage()}"));
        if (!finalMs.IsEmpty)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"last decision (consolidation 202) -> approved read: p50 {Percentile(finalMs, 0.50):F0} ms, p95 {Percentile(finalMs, 0.95):F0} ms, max {finalMs.Max():F0} ms (polls every {finalPollMs} ms)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"whole case (first upload -> approved read): p50 {Percentile(caseSeconds, 0.50):F1} s, p95 {Percentile(caseSeconds, 0.95):F1} s"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU over the run (% of one core): host {percent[0]:F0}, Azurite {percent[1]:F0}, Cosmos server {percent[2]:F0}, sandbox {percent[3]:F0}, bench {percent[4]:F0}; host VmHWM {ProcStats.StatusMb("VmHWM", pids[0].ToString(CultureInfo.InvariantCulture)):F0} MB"));
        foreach (var a in applicants) a.Dispose();
        var discardLines = dropped.Count(l => l.Contains("Discarding", StringComparison.Ordinal));
        Console.WriteLine($"DTFx warnings: {discardLines} 'Discarding ... dequeued history event(s)', {dropped.Count - discardLines} 'Abandoning'");
        if (failures.IsEmpty && wrong.Count == 0)
        {
            Console.WriteLine($"check: all {cases} cases approved with 4 approved tasks");
            return 0;
        }

        Console.WriteLine($"BENCHMARK CHECK FAILED: {failures.Count} cases failed while driven, {wrong.Count} not approved at the end");
        foreach (var line in failures.Take(10).Concat(wrong.Take(10))) Console.WriteLine("  " + line);

        // What the task hub says of the cases that did not finish: the orchestration's status and custom status.
        var stuck = Enumerable.Range(0, cases).Where(n => stage[n] != "approved" && ids[n] is not null).Select(n => ids[n]!).ToList();
        var discarded = dropped.Where(l => l.Contains("Discarding", StringComparison.Ordinal)).ToList();
        Console.WriteLine($"DTFx dropped-message warnings: {discarded.Count} 'Discarding', {dropped.Count - discarded.Count} 'Abandoning'; unfinished cases named in a 'Discarding' line: {stuck.Count(id => discarded.Any(l => l.Contains(id, StringComparison.Ordinal)))} of {stuck.Count}");
        foreach (var n in Enumerable.Range(0, cases).Where(n => stage[n] != "approved" && ids[n] is not null).Take(10))
        {
            var row = await instances.GetEntityIfExistsAsync<TableEntity>(ids[n]!, "");
            Console.WriteLine(row.HasValue
                ? $"  instance {ids[n]}: {row.Value!.GetString("RuntimeStatus")}, updated {row.Value.GetDateTimeOffset("LastUpdatedTime"):O}, custom status {row.Value.GetString("CustomStatus")}"
                : $"  instance {ids[n]}: no row");
        }

        Console.WriteLine("host log (last lines):");
        Console.WriteLine(platform.Host?.Tail(80));
        return 1;
    }

    public static double Percentile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1))];
    }
}
