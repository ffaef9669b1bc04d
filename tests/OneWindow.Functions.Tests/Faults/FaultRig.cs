using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using OneWindow.Functions.Tests.Applications;
using OneWindow.Testing;
using Xunit;
using Xunit.Abstractions;

namespace OneWindow.Functions.Tests.Faults;

/// <summary>
/// Drives many real cases through the application and review orchestrations on a <see cref="PlatformInstance"/> while a
/// test disturbs it (host killed, second host killed, Azurite frozen): every call retries across the live hosts until a
/// deadline (a dead or frozen host answers nothing; a retried POST is safe: submissions carry an idempotency key,
/// acceptance and decisions answer 409 once done and the case is then read back), then checks the end state: every case
/// approved, each task once in the case, once in its department's worklist, two SMS per case (accepted, approved).
/// Every host line is kept with the time it was read, for the tests that read DTFx's own logs.
/// </summary>
public sealed class FaultRig : IAsyncDisposable
{
    /// <summary>The demo item the cases copy: id-card and premises-proof required, one department.</summary>
    public const string TemplateItem = ApplicationsPlatformFixture.Item;

    /// <summary>Where the courier cases' parcels go.</summary>
    public const string CourierAddress = "示范县人民路1号 故障演练收件处";

    /// <summary>The departments the test items are assigned to: a webhook department and a worklist-only one.</summary>
    public static readonly string[] Departments = ["market-regulation", "fire-rescue"];

    private readonly ITestOutputHelper output;
    private readonly List<Uri> liveHosts = [];
    private readonly SemaphoreSlim actions = new(8, 8);
    private readonly SemaphoreSlim polls = new(6, 6);
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Dictionary<string, string> tokens = [];
    private readonly Dictionary<string, string> items = [];
    private int next;

    private FaultRig(ITestOutputHelper output) => this.output = output;

    public PlatformInstance Platform { get; private set; } = null!;

    /// <summary>Every line every host printed, with the (UTC) time the test read it and the host's label.</summary>
    public ConcurrentQueue<(DateTimeOffset At, string Host, string Line)> HostLines { get; } = new();

    /// <summary>The deadline of one call (retries included) and of one wait for a case's state.</summary>
    public TimeSpan CallDeadline { get; init; } = TimeSpan.FromMinutes(4);

    /// <summary>
    /// Starts a platform of its own (own emulators) with short DTFx periods and the given host settings, logs with UTC
    /// timestamps on one line each, and creates one test item per department.
    /// </summary>
    public static async Task<FaultRig> StartAsync(ITestOutputHelper output, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var rig = new FaultRig(output);
        var options = new PlatformOptions
        {
            StartTimeout = TimeSpan.FromMinutes(3),
            HostOutput = (host, line) => rig.HostLines.Enqueue((DateTimeOffset.UtcNow, host, line)),
            HostEnvironment =
            {
                ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__controlQueueVisibilityTimeout"] = "00:01:00",
                ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__workItemQueueVisibilityTimeout"] = "00:00:20",
                ["Logging__Console__FormatterName"] = "simple",
                ["Logging__Console__FormatterOptions__SingleLine"] = "true",
                ["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true",
                ["Logging__Console__FormatterOptions__TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ ",
                ["Providers__Sms__RetryAttempts"] = "2",
                // Longer than the SMS client's circuit-breaker break (5 s): a failing gateway is not retried into poison.
                ["AzureFunctionsJobHost__extensions__queues__visibilityTimeout"] = "00:00:10",
                ["Providers__Sms__RetryDelay"] = "00:00:00.200",
                // The rig drives its cases as one applicant, hundreds of uploads and submissions in seconds: far beyond any
                // per-token limit. Its subject is surviving faults; rate limits have their own tests.
                ["RateLimiting__Enabled"] = "false",
            },
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            options.HostEnvironment[key] = value;
        }

        rig.Platform = await PlatformInstance.StartAsync(options);
        rig.liveHosts.Add(rig.Platform.HostUrl);
        await rig.PrepareAsync();
        return rig;
    }

    /// <summary>Adds a host the calls may go to.</summary>
    public void AddLiveHost(Uri url)
    {
        lock (liveHosts) liveHosts.Add(url);
    }

    /// <summary>Stops sending calls to a host (it was killed).</summary>
    public void RemoveLiveHost(Uri url)
    {
        lock (liveHosts) liveHosts.Remove(url);
    }

    public void Log(string text)
    {
        var line = $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {text}";
        output.WriteLine(line);
        Console.WriteLine("[faults] " + line);
    }

    private async Task PrepareAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((await Platform.Client.GetAsync("api/catalog/items/" + TemplateItem)).StatusCode != HttpStatusCode.OK)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The demo county was not seeded within 2 minutes.");
            await Task.Delay(250);
        }

        tokens["applicant"] = await Platform.TokenAsync("applicant-faults", "测试申请人", ["applicant"]);
        tokens["clerk"] = await Platform.TokenAsync("clerk-faults", "测试窗口", ["clerk"]);
        tokens["supervisor"] = await Platform.TokenAsync("supervisor-faults", "测试督办", ["supervisor"]);
        tokens["admin"] = await Platform.TokenAsync("admin-faults", "测试管理员", ["admin"]);
        foreach (var department in Departments)
        {
            tokens["reviewer-" + department] = await Platform.TokenAsync("reviewer-faults-" + department, "测试审查", ["reviewer"], department);
        }

        using var admin = Platform.ClientWithToken(tokens["admin"]);
        var template = await ApplicationsPlatformFixture.GetJsonAsync(admin, "api/admin/items/" + TemplateItem);
        foreach (var department in Departments)
        {
            var code = "f-" + Guid.NewGuid().ToString("N")[..10];
            var body = (JsonObject)template.DeepClone();
            body["code"] = code;
            body["name"] = "故障测试事项 " + department;
            body["department"] = department;
            body.Remove("version");
            using var put = await admin.PutAsJsonAsync("api/admin/items/" + code, body);
            Assert.True(put.IsSuccessStatusCode, $"PUT item answered {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync()}");
            items[department] = code;
        }
    }

    /// <summary>New cases, alternating between the departments' items, each with its own phone.</summary>
    public List<FaultCase> NewCases(int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var department = Departments[i % Departments.Length];
            return new FaultCase(i, items[department], department, ApplicationsPlatformFixture.NewPhone(), ApplicationsPlatformFixture.NewIdNumber());
        }).ToList();

    /// <summary>Runs every case to <c>delivered</c>; throws the first failure after all have ended.</summary>
    public async Task RunAsync(IReadOnlyList<FaultCase> cases, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var runs = cases.Select(c => Task.Run(() => RunCaseAsync(c, cts.Token))).ToList();
        var all = Task.WhenAll(runs);
        try
        {
            while (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(15))) != all)
            {
                Log("progress: " + Progress(cases));
            }

            await all;
        }
        catch
        {
            var failed = runs.Where(r => r.IsFaulted).Select(r => r.Exception!.InnerException!).ToList();
            var stages = cases.GroupBy(c => c.Stage).Select(g => $"{g.Key}: {g.Count()}");
            throw new InvalidOperationException($"{failed.Count} of {cases.Count} cases did not finish ({string.Join(", ", stages)}). First: {failed.FirstOrDefault()}");
        }
    }

    /// <summary>Counts of the cases by the step the driver has seen them reach.</summary>
    public static string Progress(IEnumerable<FaultCase> cases) =>
        string.Join(", ", cases.GroupBy(c => c.Stage).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));

    private async Task RunCaseAsync(FaultCase c, CancellationToken cancellationToken)
    {
        // Stagger the start a little: 200 cases at once would only queue at the limiter.
        await Task.Delay(TimeSpan.FromMilliseconds(c.Index * 40), cancellationToken);
        var materials = new List<(string Code, string UploadId)>();
        foreach (var code in new[] { "id-card", "premises-proof" })
        {
            materials.Add((code, await UploadAsync(code, cancellationToken)));
        }

        var body = ApplicationsPlatformFixture.Body(c.IdNumber, c.Phone, [.. materials]);
        body["itemCode"] = c.ItemCode;
        body["delivery"] = c.ByCourier ? new JsonObject { ["method"] = "courier", ["address"] = CourierAddress } : new JsonObject { ["method"] = "pickup" };
        var key = Guid.NewGuid().ToString();
        var (status, text) = await SendAsync("applicant", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "api/applications") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }, cancellationToken);
        Assert.True(status == HttpStatusCode.Accepted, $"case {c.Index}: submit answered {(int)status}: {text}");
        var created = JsonNode.Parse(text)!;
        c.Id = (string)created["id"]!;
        c.Number = (string)created["number"]!;
        c.Stage = FaultStage.Submitted;

        await WaitCaseAsync(c, a => (string?)a["status"] != null, "a status", cancellationToken);
        (status, text) = await SendAsync("clerk", () => new HttpRequestMessage(HttpMethod.Post, $"api/applications/{c.Id}/acceptance")
        {
            Content = JsonContent.Create(new { decision = "accept" }),
        }, cancellationToken);
        c.Trace.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} acceptance {(int)status} {text}");
        Assert.True(status is HttpStatusCode.Accepted or HttpStatusCode.Conflict, $"case {c.Index}: acceptance answered {(int)status}: {text}");
        c.Stage = FaultStage.AcceptPosted;

        // The case lists its planned task from StartReview on; the task is open once OpenTask wrote its document (deadlines).
        var open = await WaitCaseAsync(c, a => Tasks(a).Any(t => t["warningAt"] is not null), "its task open", cancellationToken);
        c.TaskId = (string)Tasks(open).First()["id"]!;
        c.Stage = FaultStage.InReview;

        // The open task's row in its department's worklist (closed tasks leave the worklist): exactly one.
        var deadline = DateTime.UtcNow + CallDeadline;
        while (true)
        {
            (status, text) = await SendAsync("reviewer-" + c.Department, () => new HttpRequestMessage(HttpMethod.Get, $"api/departments/{c.Department}/tasks?status=open"), cancellationToken, poll: true);
            Assert.True(status == HttpStatusCode.OK, $"worklist answered {(int)status}: {text}");
            c.WorklistRows = JsonNode.Parse(text)!.AsArray().Count(r => (string?)r!["taskId"] == c.TaskId);
            if (c.WorklistRows > 0 || DateTime.UtcNow > deadline) break;
            await Task.Delay(1000, cancellationToken);
        }

        deadline = DateTime.UtcNow + CallDeadline;
        while (true)
        {
            (status, text) = await SendAsync("reviewer-" + c.Department, () => new HttpRequestMessage(HttpMethod.Post, $"api/tasks/{c.TaskId}/decision")
            {
                Content = JsonContent.Create(new { decision = "approve", opinion = "故障测试：符合条件" }),
            }, cancellationToken);
            c.Trace.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} decision {(int)status} {text}");
            if (status == HttpStatusCode.Conflict)
            {
                // A 409 counts only once the task shows this decision (a repeat after a lost answer); else decide again.
                var (taskStatus, taskText) = await SendAsync("reviewer-" + c.Department, () => new HttpRequestMessage(HttpMethod.Get, $"api/tasks/{c.TaskId}"), cancellationToken, poll: true);
                if (taskStatus == HttpStatusCode.OK && (string?)JsonNode.Parse(taskText)!["decision"] == "approve") break;
            }
            else if (status != HttpStatusCode.NotFound)
            {
                break;
            }

            if (DateTime.UtcNow > deadline) break;
            await Task.Delay(1000, cancellationToken);
        }

        Assert.True(status is HttpStatusCode.Accepted or HttpStatusCode.Conflict, $"case {c.Index}: decision answered {(int)status}: {text}");
        c.Stage = FaultStage.DecisionPosted;

        await WaitCaseAsync(c, a => (string?)a["status"] is "approved" or "delivered", "approved", cancellationToken);
        c.Stage = FaultStage.Approved;

        // Delivery: the licence is issued by itself; then the courier reports the parcel signed for, or the clerk confirms
        // the pickup code the applicant received (in the applicant's own view only).
        var ready = await WaitCaseAsync(c, a => (string?)a["delivery"]?["status"] is "dispatched" or "ready-for-pickup" or "delivered", "dispatch or pickup", cancellationToken, "applicant");
        c.Stage = FaultStage.Dispatched;
        if ((string?)ready["delivery"]!["status"] != "delivered")
        {
            deadline = DateTime.UtcNow + CallDeadline;
            while (true)
            {
                (status, text) = c.ByCourier
                    ? await SendSandboxAsync($"sandbox/shipments/{(string)ready["delivery"]!["waybill"]!}/events", new { status = "signed" }, cancellationToken)
                    : await SendAsync("clerk", () => new HttpRequestMessage(HttpMethod.Post, $"api/applications/{c.Id}/pickup")
                    {
                        Content = JsonContent.Create(new { pickupCode = (string?)ready["delivery"]!["pickupCode"] }),
                    }, cancellationToken);
                c.Trace.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {(c.ByCourier ? "signed" : "pickup")} {(int)status} {text}");

                // A 409 is a confirmation that an earlier, unanswered one already delivered (read back below).
                if (status is HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.Conflict || DateTime.UtcNow > deadline) break;
                await Task.Delay(1000, cancellationToken);
            }
        }

        await WaitCaseAsync(c, a => (string?)a["status"] == "delivered", "delivered", cancellationToken);
        c.Stage = FaultStage.Delivered;
    }

    /// <summary>A POST to the provider sandbox (the courier's stand-in), retried while it cannot reach a host.</summary>
    private async Task<(HttpStatusCode Status, string Body)> SendSandboxAsync(string path, object body, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Platform.Sandbox.PostAsJsonAsync(path, body, cancellationToken);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException e)
        {
            return (HttpStatusCode.ServiceUnavailable, e.Message);
        }
    }

    private static IEnumerable<JsonNode> Tasks(JsonNode application) =>
        (application["stages"] as JsonArray ?? []).SelectMany(s => s!["tasks"] as JsonArray ?? []).Select(t => t!);

    private async Task<string> UploadAsync(string code, CancellationToken cancellationToken)
    {
        var bytes = ApplicationsPlatformFixture.FileBytes(code);
        var (status, text) = await SendAsync("applicant", () => new HttpRequestMessage(HttpMethod.Post, "api/uploads")
        {
            Content = JsonContent.Create(new
            {
                fileName = "material.pdf",
                contentType = "application/pdf",
                size = bytes.Length,
                sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
            }),
        }, cancellationToken);
        Assert.True(status == HttpStatusCode.Created, $"upload answered {(int)status}: {text}");
        var json = JsonNode.Parse(text)!;
        var url = (string)json["uploadUrl"]!;
        await RetryAsync("PUT upload", async () =>
        {
            using var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            using var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = content };
            put.Headers.Add("x-ms-blob-type", "BlockBlob");
            using var response = await http.SendAsync(put, cancellationToken);
            return response.IsSuccessStatusCode ? true : (int)response.StatusCode >= 500 ? null : throw new InvalidOperationException($"PUT upload answered {(int)response.StatusCode}");
        }, cancellationToken);
        return (string)json["uploadId"]!;
    }

    /// <summary>Polls the case (through any live host) until <paramref name="until"/> holds.</summary>
    private async Task<JsonNode> WaitCaseAsync(FaultCase c, Func<JsonNode, bool> until, string what, CancellationToken cancellationToken, string role = "supervisor")
    {
        var deadline = DateTime.UtcNow + CallDeadline;
        JsonNode? last = null;
        while (true)
        {
            var (status, text) = await SendAsync(role, () => new HttpRequestMessage(HttpMethod.Get, "api/applications/" + c.Id), cancellationToken, poll: true);
            if (status == HttpStatusCode.OK)
            {
                last = JsonNode.Parse(text)!;
                if (until(last)) return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                var instance = await new TableClient(Platform.Stack.Azurite.ConnectionString, Platform.TaskHub + "Instances").GetEntityIfExistsAsync<TableEntity>(c.Id, "", cancellationToken: CancellationToken.None);
                var row = instance.HasValue ? string.Join(", ", instance.Value!.Where(p => p.Key is "RuntimeStatus" or "CustomStatus" or "CreatedTime" or "LastUpdatedTime").Select(p => $"{p.Key}={p.Value}")) : "no instance row";
                var history = new List<string>();
                await foreach (var e in new TableClient(Platform.Stack.Azurite.ConnectionString, Platform.TaskHub + "History").QueryAsync<TableEntity>($"PartitionKey eq '{c.Id}'", cancellationToken: CancellationToken.None))
                {
                    history.Add($"{e.GetString("EventType")}{(e.GetString("Name") is { } n ? "(" + n + ")" : "")}");
                }

                var lines = HostLines.Where(l => l.Line.Contains(c.Id!, StringComparison.Ordinal)).Select(l => $"{l.Host} {l.Line}").Take(30);
                throw new TimeoutException($"case {c.Index} ({c.Id}): {what} did not happen within {CallDeadline}; last {(int)status}: {last?.ToJsonString() ?? text}\n" +
                    $"driver: {string.Join(" / ", c.Trace)}\ninstance: {row}\nhistory: {string.Join(", ", history)}\nhost lines:\n{string.Join('\n', lines)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(1500 + Random.Shared.Next(1000)), cancellationToken);
        }
    }

    /// <summary>Sends a call as <paramref name="role"/> to a live host, retrying while hosts answer nothing or 5xx.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SendAsync(string role, Func<HttpRequestMessage> create, CancellationToken cancellationToken, bool poll = false)
    {
        (HttpStatusCode, string) result = default;
        await RetryAsync(role, async () =>
        {
            Uri host;
            lock (liveHosts) host = liveHosts[(int)((uint)Interlocked.Increment(ref next) % (uint)liveHosts.Count)];
            using var request = create();
            request.RequestUri = new Uri(host, request.RequestUri!.ToString());
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[role]);
            var gate = poll ? polls : actions;
            await gate.WaitAsync(cancellationToken);
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if ((int)response.StatusCode >= 500) return null;
                result = (response.StatusCode, text);
                return true;
            }
            finally
            {
                gate.Release();
            }
        }, cancellationToken);
        return result;
    }

    private async Task RetryAsync(string what, Func<Task<bool?>> attempt, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + CallDeadline;
        while (true)
        {
            string failure;
            try
            {
                if (await attempt() == true) return;
                failure = "5xx";
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = "timeout: " + e.Message;
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what}: no answer within {CallDeadline} (last: {failure})");
            await Task.Delay(TimeSpan.FromMilliseconds(500 + Random.Shared.Next(500)), cancellationToken);
        }
    }

    /// <summary>Reads the task hub's instance table: how many application orchestrations are completed and running now.</summary>
    public async Task<(int Completed, int Running, int Total)> OrchestrationCountsAsync()
    {
        var table = new TableClient(Platform.Stack.Azurite.ConnectionString, Platform.TaskHub + "Instances");
        int completed = 0, running = 0, total = 0;
        await foreach (var row in table.QueryAsync<TableEntity>($"Name eq 'ApplicationOrchestration'", select: ["RuntimeStatus"]))
        {
            total++;
            switch (row.GetString("RuntimeStatus"))
            {
                case "Completed": completed++; break;
                case "Running" or "Pending": running++; break;
            }
        }

        return (completed, running, total);
    }

    /// <summary>Messages waiting in the task hub's queues (control and work-item), visible or not.</summary>
    public async Task<int> QueuedMessagesAsync()
    {
        var queues = new Azure.Storage.Queues.QueueServiceClient(Platform.Stack.Azurite.ConnectionString);
        var count = 0;
        await foreach (var queue in queues.GetQueuesAsync(prefix: Platform.TaskHub.ToLowerInvariant()))
        {
            var properties = await queues.GetQueueClient(queue.Name).GetPropertiesAsync();
            count += properties.Value.ApproximateMessagesCount;
        }

        return count;
    }

    /// <summary>
    /// The end state: every case approved with exactly one task (approved, created and decided once in its history);
    /// each task exactly once in its department's worklist of approved tasks and not among the open ones; exactly two SMS
    /// per case phone, one of each template (accepted, approved), both naming the case.
    /// </summary>
    public async Task VerifyAsync(IReadOnlyList<FaultCase> cases)
    {
        using var supervisor = Platform.ClientWithToken(tokens["supervisor"]);
        supervisor.BaseAddress = CurrentHost();
        var licenceOf = new Dictionary<string, string>();
        foreach (var c in cases)
        {
            var application = await ApplicationsPlatformFixture.GetJsonAsync(supervisor, "api/applications/" + c.Id);
            Assert.Equal("delivered", (string?)application["status"]);
            var documents = application["delivery"]!["documents"]!.AsArray().Select(d => (string)d!).ToList();
            Assert.True(documents.Count == 1, $"case {c.Index} ({c.Id}) has licences {string.Join(", ", documents)}");
            licenceOf[c.Id!] = documents[0];
            var tasks = Tasks(application).ToList();
            Assert.True(tasks.Count == 1, $"case {c.Index} ({c.Id}) shows {tasks.Count} tasks: {application.ToJsonString()}");
            Assert.Equal(c.TaskId, (string?)tasks[0]["id"]);
            Assert.Equal("approved", (string?)tasks[0]["status"]);
            Assert.Equal(c.Department, (string?)tasks[0]["department"]);
            var task = await ApplicationsPlatformFixture.GetJsonAsync(supervisor, "api/tasks/" + c.TaskId);
            var history = task["history"]!.AsArray().Select(h => (string?)h!["type"]).ToList();
            Assert.True(history.Count(h => h == "created") == 1 && history.Count(h => h == "decision") == 1,
                $"task {c.TaskId} history: {task["history"]!.ToJsonString()}");
        }

        foreach (var department in Departments)
        {
            using var reviewer = Platform.ClientWithToken(tokens["reviewer-" + department]);
            reviewer.BaseAddress = CurrentHost();
            // While open, each task had exactly one row (read by the driver before deciding); closed, none is left.
            var mine = cases.Where(c => c.Department == department).ToList();
            var wrong = mine.Where(c => c.WorklistRows != 1).Select(c => $"{c.TaskId}: {c.WorklistRows}").ToList();
            Assert.True(wrong.Count == 0, $"{department}: worklist rows per open task not 1: {string.Join(", ", wrong)}");
            var open = (JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(reviewer, $"api/departments/{department}/tasks?status=open");
            Assert.DoesNotContain(open, r => (string?)r!["itemCode"] == items[department]);

            // Decided, each task is listed once among the department's approved tasks (read page by page).
            var approved = new List<string>();
            string? continuation = null;
            do
            {
                using var page = await reviewer.GetAsync($"api/departments/{department}/tasks?status=approved"
                    + (continuation is null ? "" : "&continuationToken=" + Uri.EscapeDataString(continuation)));
                page.EnsureSuccessStatusCode();
                approved.AddRange(JsonNode.Parse(await page.Content.ReadAsStringAsync())!.AsArray().Select(r => (string)r!["taskId"]!));
                continuation = page.Headers.TryGetValues("X-Continuation-Token", out var values) ? values.FirstOrDefault() : null;
            }
            while (continuation is not null);
            var listed = mine.Select(c => (c.TaskId, Rows: approved.Count(t => t == c.TaskId))).Where(x => x.Rows != 1).ToList();
            Assert.True(listed.Count == 0, $"{department}: approved-list rows per decided task not 1: {string.Join(", ", listed.Select(x => $"{x.TaskId}: {x.Rows}"))}");
        }

        // One licence per case, issued once: the applicant (one for every case) holds exactly the cases' licences.
        using (var applicant = Platform.ClientWithToken(tokens["applicant"]))
        {
            applicant.BaseAddress = CurrentHost();
            var held = ((JsonArray)await ApplicationsPlatformFixture.GetJsonAsync(applicant, "api/licences")).Select(l => (string)l!["number"]!).ToList();
            Assert.Equal(licenceOf.Values.Order().ToList(), held.Order().ToList());
        }

        // One shipment per courier case, none for a pickup.
        var shipments = ((JsonArray)JsonNode.Parse(await Platform.Sandbox.GetStringAsync("sandbox/shipments"))!).Select(s => (string?)s!["reference"]).ToList();
        var wrongShipments = cases.Where(c => shipments.Count(r => r == c.Number) != (c.ByCourier ? 1 : 0)).Select(c => $"{c.Number}: {shipments.Count(r => r == c.Number)}").ToList();
        Assert.True(wrongShipments.Count == 0, $"shipments per case not as delivered: {string.Join(", ", wrongShipments)}");

        // An SMS whose queue message a killed host held comes back after the queue's visibility timeout: wait (bounded)
        // until every case has its four, then judge exactly what arrived.
        JsonArray sms;
        var smsDeadline = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            sms = (JsonArray)JsonNode.Parse(await Platform.Sandbox.GetStringAsync("sandbox/sms"))!;
            var phones = sms.GroupBy(s => (string)s!["to"]!).ToDictionary(g => g.Key, g => g.Count());
            if (cases.All(c => phones.GetValueOrDefault(c.Phone) >= 4) || DateTime.UtcNow > smsDeadline) break;
            await Task.Delay(1000);
        }

        var byPhone = sms.GroupBy(s => (string)s!["to"]!).ToDictionary(g => g.Key, g => g.ToList());
        var problems = new List<string>();
        foreach (var c in cases)
        {
            var received = byPhone.TryGetValue(c.Phone, out var list) ? list : [];
            var templates = received.Select(s => (string?)s!["template"]).Order().ToList();
            string[] expected = ["application-accepted", "delivered", c.ByCourier ? "dispatched" : "ready-for-pickup", "review-approved"];
            if (!templates.SequenceEqual(expected.Order()) || received.Any(s => !((string?)s!["text"] ?? "").Contains(c.Number!, StringComparison.Ordinal)))
            {
                problems.Add($"case {c.Index} ({c.Number}): {string.Join(" | ", received.Select(s => $"{s!["template"]}: {s["text"]}"))}");
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} cases without exactly one accepted, approved, dispatched or ready-for-pickup, and delivered SMS:\n{string.Join('\n', problems.Take(20))}");
    }

    private Uri CurrentHost()
    {
        lock (liveHosts) return liveHosts[0];
    }

    /// <summary>A host's lines that contain <paramref name="text"/>.</summary>
    public IEnumerable<(DateTimeOffset At, string Host, string Line)> LinesWith(string text) => HostLines.Where(l => l.Line.Contains(text, StringComparison.Ordinal));

    /// <summary>Writes the lease lines of DTFx to the test output.</summary>
    public void DumpLines(Func<string, bool> which, int max = 200)
    {
        var builder = new StringBuilder();
        foreach (var (at, host, line) in HostLines.Where(l => which(l.Line)).Take(max))
        {
            builder.Append(CultureInfo.InvariantCulture, $"{at:HH:mm:ss.fff} {host} {line}\n");
        }

        output.WriteLine(builder.ToString());
    }

    /// <summary>The DTFx worker id of each host label, from the engine's start line, once <paramref name="count"/> hosts printed it.</summary>
    public async Task<Dictionary<string, string>> WorkerIdsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var ids = new Dictionary<string, string>();
            foreach (var (_, host, line) in LinesWith("Durable engine started"))
            {
                var match = System.Text.RegularExpressions.Regex.Match(line, @"worker (\S+?),");
                if (match.Success) ids[host] = match.Groups[1].Value;
            }

            if (ids.Count >= count) return ids;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{ids.Count} hosts printed their worker id, expected {count}.");
            await Task.Delay(200);
        }
    }

    /// <summary>One row of the partition table (<c>{hub}Partitions</c>) as read at <see cref="At"/>.</summary>
    public sealed record PartitionRow(DateTimeOffset At, string Partition, string? Owner, string? NextOwner, bool Draining, DateTimeOffset? ExpiresAt);

    /// <summary>Reads the partition table.</summary>
    public async Task<List<PartitionRow>> PartitionsAsync(CancellationToken cancellationToken = default)
    {
        var table = new TableClient(Platform.Stack.Azurite.ConnectionString, Platform.TaskHub + "Partitions");
        var rows = new List<PartitionRow>();
        var at = DateTimeOffset.UtcNow;
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            rows.Add(new PartitionRow(at, row.RowKey, row.GetString("CurrentOwner"), row.GetString("NextOwner"), row.GetBoolean("IsDraining") ?? false, row.GetDateTimeOffset("ExpiresAt")));
        }

        return rows;
    }

    /// <summary>Polls the partition table until <paramref name="until"/> holds.</summary>
    public async Task UntilPartitionsAsync(Func<List<PartitionRow>, bool> until, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var rows = await PartitionsAsync();
            if (rows.Count > 0 && until(rows)) return;
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {timeout}: " + string.Join(", ", rows.Select(r => $"{r.Partition}={r.Owner}->{r.NextOwner}{(r.Draining ? " draining" : "")}")));
            }

            await Task.Delay(300);
        }
    }

    /// <summary>Samples the partition table every 300 ms until cancelled; returns the samples.</summary>
    public async Task<List<PartitionRow>> SamplePartitionsAsync(CancellationToken cancellationToken)
    {
        var samples = new List<PartitionRow>();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                samples.AddRange(await PartitionsAsync(cancellationToken));
                await Task.Delay(300, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Azure.RequestFailedException)
            {
                // A failed read is a missing sample, not a finding.
            }
        }

        return samples;
    }

    /// <summary>The partition (control queue) DTFx's Azure Storage provider puts an instance on: FNV-1a of the UTF-8 id, modulo the partition count.</summary>
    public string PartitionOf(string instanceId, int partitionCount = 4)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(instanceId))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return $"{Platform.TaskHub.ToLowerInvariant()}-control-{(hash % (uint)partitionCount).ToString("00", CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// From DTFx's lease lines in each host's log (their own UTC timestamps): per partition, the intervals each host owned
    /// it, from "acquired" to "released" (or to its death, <paramref name="deaths"/>, or the end of the run); asserts no two
    /// hosts' intervals overlap and that every partition was acquired at least once.
    /// </summary>
    public void AssertNoOverlappingOwnership(IReadOnlyDictionary<string, DateTimeOffset> deaths)
    {
        var hub = Platform.TaskHub.ToLowerInvariant();
        var pattern = new System.Text.RegularExpressions.Regex(@"^(\S+Z) .*?(" + hub + @"-control-\d\d)");
        var events = new List<(DateTimeOffset At, string Host, string Partition, bool Start, string Line)>();
        foreach (var (_, host, line) in HostLines)
        {
            var match = pattern.Match(line);
            if (!match.Success) continue;
            var at = DateTimeOffset.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            if (line.Contains("Successfully acquired", StringComparison.OrdinalIgnoreCase)) events.Add((at, host, match.Groups[2].Value, true, line));
            else if (line.Contains("removed", StringComparison.OrdinalIgnoreCase) || line.Contains("released", StringComparison.OrdinalIgnoreCase) || line.Contains("Lease lost", StringComparison.OrdinalIgnoreCase))
                events.Add((at, host, match.Groups[2].Value, false, line));
        }

        var text = string.Join('\n', events.OrderBy(e => e.At).Select(e => $"{e.At:HH:mm:ss.fff} {e.Host} {(e.Start ? "+" : "-")} {e.Partition}: {e.Line}"));
        output.WriteLine("DTFx lease lines:\n" + text);
        var end = DateTimeOffset.UtcNow;
        var intervals = new List<(string Host, string Partition, DateTimeOffset From, DateTimeOffset To)>();
        foreach (var group in events.GroupBy(e => (e.Host, e.Partition)))
        {
            DateTimeOffset? from = null;
            foreach (var e in group.OrderBy(e => e.At))
            {
                if (e.Start) from ??= e.At;
                else if (from is { } f)
                {
                    intervals.Add((group.Key.Host, group.Key.Partition, f, e.At));
                    from = null;
                }
            }

            if (from is { } open) intervals.Add((group.Key.Host, group.Key.Partition, open, deaths.TryGetValue(group.Key.Host, out var died) ? died : end));
        }

        Assert.True(intervals.Select(i => i.Partition).Distinct().Count() == 4, "DTFx logged no acquisition for some partitions:\n" + text);
        foreach (var partition in intervals.GroupBy(i => i.Partition))
        {
            var list = partition.OrderBy(i => i.From).ToList();
            output.WriteLine($"{partition.Key}: " + string.Join(" | ", list.Select(i => $"{i.Host} {i.From:HH:mm:ss.fff}-{i.To:HH:mm:ss.fff}")));
            for (var i = 1; i < list.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (list[j].Host != list[i].Host)
                    {
                        Assert.True(list[i].From >= list[j].To || list[j].From >= list[i].To,
                            $"{partition.Key} owned by {list[j].Host} ({list[j].From:O}-{list[j].To:O}) and {list[i].Host} ({list[i].From:O}-{list[i].To:O}) at once.\n{text}");
                    }
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (Platform is not null)
        {
            // Every host line of the run, for reading after a failure.
            var folder = Path.Combine(Path.GetTempPath(), "onewindow-faults");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, Platform.TaskHub + ".log");
            await File.WriteAllLinesAsync(file, HostLines.Select(l => $"{l.At:HH:mm:ss.fff} {l.Host} {l.Line}"));
            Log("host lines written to " + file);
        }

        if (Platform is not null) await Platform.DisposeAsync();
    }
}

public enum FaultStage
{
    New,
    Submitted,
    AcceptPosted,
    InReview,
    DecisionPosted,
    Approved,
    Dispatched,
    Delivered,
}

/// <summary>One case the rig drives.</summary>
public sealed class FaultCase(int index, string itemCode, string department, string phone, string idNumber)
{
    public int Index { get; } = index;
    public string ItemCode { get; } = itemCode;
    public string Department { get; } = department;
    public string Phone { get; } = phone;
    public string IdNumber { get; } = idNumber;
    public string? Id { get; set; }
    public string? Number { get; set; }
    public string? TaskId { get; set; }
    public FaultStage Stage { get; set; }

    /// <summary>Every other case is delivered by courier, the rest picked up at the window.</summary>
    public bool ByCourier => Index % 2 == 1;

    /// <summary>Rows of the department's open worklist naming this task, as read before the decision.</summary>
    public int WorklistRows { get; set; } = -1;

    /// <summary>What the driver sent for this case and what it got (for the failure message).</summary>
    public ConcurrentQueue<string> Trace { get; } = new();
}
