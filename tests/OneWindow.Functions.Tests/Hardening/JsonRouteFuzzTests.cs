using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Azure.Functions.Worker;
using OneWindow.Domain.Departments;
using Xunit;
using Xunit.Abstractions;

namespace OneWindow.Functions.Tests.Hardening;

/// <summary>
/// Issue 15 finding 2: no body makes a 5xx. Generated bodies — invalid UTF-8, lone surrogate escapes, a node of the wrong
/// kind, nesting beyond the limit, oversize strings, a bad property name — go to every POST and PUT route through the real
/// host: each answer is a 4xx problem (naming the field for what the reader refuses) and no Cosmos document changes.
/// Every template is refused for a reason the mutation leaves alone (an unknown id or code), so even a body that
/// slipped through could not store anything legitimately.
/// </summary>
[Collection(HardeningCollection.Name)]
public sealed class JsonRouteFuzzTests(HardeningFixture fixture, ITestOutputHelper output)
{
    private const string Department = "market-regulation";

    /// <summary>
    /// One row per function with a POST or PUT trigger: the path to call, who calls, and a body to mutate. A route that
    /// takes no body (<paramref name="ReadsBody"/> false) must still answer a 4xx and store nothing, but names no field.
    /// </summary>
    private sealed record Route(string Method, string Path, string Role, string Template, bool ReadsBody = true, string? Secret = null);

    /// <summary>The SMS receipt URL's token for reference <c>sms-fuzz</c> (HMAC-SHA256 with the Development receipt secret).</summary>
    private static readonly string ReceiptToken = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("demo-secret-sms-receipts"u8, "sms-fuzz"u8));

    private static readonly Dictionary<string, Route> Routes = new(StringComparer.Ordinal)
    {
        ["CreateUpload"] = new("POST", "api/uploads", "applicant", """{"fileName":"a.pdf","contentType":"application/x-none","size":10,"sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}"""),
        ["CatalogMaterialList"] = new("POST", $"api/catalog/items/{HardeningFixture.Item}/material-list", "anonymous", """{"answers":{"has-premises":"是","x":"y"}}"""),
        ["DevelopmentToken"] = new("POST", "api/dev/tokens", "anonymous", """{"subject":"s","name":"n","roles":["no-such-role"],"department":"d"}"""),
        ["AdvanceDevelopmentClock"] = new("POST", "api/dev/clock", "admin", """{"advance":"P0D"}"""),
        ["DecideTask"] = new("POST", "api/tasks/no-such-task/decision", "reviewer", """{"decision":"request-correction","opinion":"o","items":[{"materialCode":"id-card","message":"m"}],"supplyWorkingDays":5}"""),
        ["SuspendTaskByDepartment"] = new("POST", "api/tasks/no-such-task/suspension", "reviewer", """{"reason":"r","expectedWorkingDays":3}"""),
        ["ResumeTaskByDepartment"] = new("POST", "api/tasks/no-such-task/resumption", "reviewer", """{"note":"n"}""", ReadsBody: false),
        ["ApproveTaskExtension"] = new("POST", "api/tasks/no-such-task/extension", "chief", """{"workingDays":3,"reason":"r"}"""),
        ["AskConsultation"] = new("POST", "api/tasks/no-such-task/consultations", "reviewer", """{"department":"no-such-department","question":"q","workingDays":3}"""),
        ["AnswerConsultation"] = new("POST", "api/consultations/no-such-consultation/answer", "reviewer", """{"opinion":"o"}"""),
        ["TerminateApplication"] = new("POST", "api/applications/no-such-application/termination", "clerk", """{"reason":"r"}"""),
        ["PutCaseOnGreenChannel"] = new("POST", "api/applications/no-such-application/green-channel", "clerk", """{"reason":"r"}"""),
        ["ReceiveDepartmentWebhook"] = new("POST", $"api/webhooks/departments/{Department}", "webhook", """{"taskId":"no-such-task","decision":"request-correction","opinion":"o","items":[{"materialCode":"id-card","message":"m"}],"progress":{"step":"s","note":"n"},"licence":{"validUntil":"2031-01-01","scope":"s"}}"""),
        ["ReceivePaymentWebhook"] = new("POST", "api/webhooks/payments", "webhook", """{"paymentNotice":"34188120261130000152","amount":80.5,"paidAt":"2026-11-30T02:00:00Z","transactionId":"TX-1"}""", Secret: "demo-secret-bank"),
        ["ReceiveCourierWebhook"] = new("POST", "api/webhooks/courier", "webhook", """{"waybill":"SF0000000000000","status":"in-transit","at":"2026-11-30T02:00:00Z"}""", Secret: "demo-secret-courier"),
        ["ReceiveSmsReceipt"] = new("POST", "api/webhooks/sms-receipts?reference=sms-fuzz&token=" + ReceiptToken, "anonymous", """{"messageId":"SMS1","reference":"sms-fuzz","status":"delivered","deliveredAt":"2026-11-30T02:00:00Z"}"""),
        ["ConfirmPickup"] = new("POST", "api/applications/no-such-application/pickup", "clerk", """{"pickupCode":"123456"}"""),
        ["SubmitApplication"] = new("POST", "api/applications", "applicant", """{"itemCode":"no-such-item","answers":{"q":"a"},"applicant":{"kind":"person","name":"张三","idNumber":"11010519491231002X","phone":"13800138000"},"form":{"shopName":"小店","n":[1,{"a":"b"}]},"materials":[{"code":"id-card","uploadId":"upload-x"},{"code":"business-licence","licenceNumber":"no-such-licence"}],"delivery":{"method":"courier","address":"路"}}"""),
        ["DecideAcceptance"] = new("POST", "api/applications/no-such-application/acceptance", "clerk", """{"decision":"request-correction","deferredMaterials":["id-card"],"items":[{"materialCode":"id-card","message":"m"}],"supplyWorkingDays":3,"reason":"r"}"""),
        ["EvaluateApplication"] = new("POST", "api/applications/no-such-application/evaluation", "applicant", """{"score":5,"comment":"c"}"""),
        ["CloseEvaluationFollowUp"] = new("POST", "api/supervision/evaluations/no-such-evaluation/follow-up", "supervisor", """{"note":"n"}"""),
        ["SubmitDisclosureRequest"] = new("POST", "api/disclosure-requests", "applicant", """{"itemCode":"no-such-item","applicant":{"kind":"person","name":"张三","idNumber":"11010519491231002X","phone":"13800138000"},"description":"信息","purpose":"用途","delivery":{"form":"paper","address":"路"}}"""),
        ["ClarifyDisclosureRequest"] = new("POST", "api/disclosure-requests/no-such-request/clarification", "applicant", """{"text":"补正说明"}"""),
        ["SubmitMailboxLetter"] = new("POST", "api/mailbox", "applicant", """{"type":"no-such-type","subject":"主题","content":"内容","anonymous":false,"applicant":{"kind":"person","name":"张三","idNumber":"11010519491231002X","phone":"13800138000"}}"""),
        ["RateMailboxReply"] = new("POST", "api/mailbox/no-such-letter/rating", "applicant", """{"score":1,"comment":"c"}"""),
        ["SubmitCorrection"] = new("POST", "api/applications/no-such-application/corrections", "applicant", """{"correctionId":"c","materials":[{"code":"id-card","uploadId":"upload-x"}],"note":"n"}"""),
        ["RevokeLicence"] = new("POST", "api/licences/no-such-licence/revocation", "chief", """{"reason":"r"}"""),
        ["ReissueLicence"] = new("POST", "api/licences/no-such-licence/reissue", "admin", """{"reason":"r"}"""),
        ["AdminPutCalendarYear"] = new("PUT", "api/admin/calendar/2031", "admin", """{"year":2032,"holidays":[{"name":"元旦","days":["2031-01-01"]}],"adjustedWorkingDays":["2031-01-04"]}"""),
        ["AdminPutDepartment"] = new("PUT", "api/admin/departments/hardening-a", "admin", """{"code":"hardening-b","name":"部门","chiefRepresentative":"张","chiefPhone":"0571-6100000","hasOwnSystem":false}"""),
        ["AdminPutItem"] = new("PUT", "api/admin/items/hardening-a", "admin", """{"code":"hardening-b","name":"事项","department":"market-regulation","kind":"licence","deadline":{"workingDays":1},"legalDeadline":{"workingDays":5},"extensionCapWorkingDays":10,"visits":0,"questions":[{"code":"q","text":"t","options":["a","b"]}],"materials":[{"code":"m","name":"材料","required":true,"deferrable":false,"when":{"q":["a"]}}]}"""),
        ["AdminPutPackage"] = new("PUT", "api/admin/packages/hardening-a", "admin", """{"code":"hardening-b","name":"套餐","stages":[{"code":"s","name":"阶段","leadDepartment":"market-regulation","items":["individual-business-registration"],"after":[]}],"legalDeadline":{"workingDays":20},"extensionCapWorkingDays":5,"sharedMaterials":["id-card"]}"""),
    };

    /// <summary>What the generator does to a template.</summary>
    public enum Kind { InvalidUtf8, LoneSurrogate, WrongKind, TooDeep, Oversize, BadPropertyName }

    private sealed record Case(Kind Kind, int Target, int Variant, int Size);

    private static readonly byte[][] InvalidUtf8 = [[0xFF, 0xFE], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0x80], [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x82]];
    private static readonly string[] Surrogates = ["\\ud800", "\\udfff", "a\\ud800b", "\\udc00\\ud800", "\\uD83D"];
    private static readonly string[] WrongKinds = ["[[1]]", "{\"a\":[1]}", "1", "true", "\"x\""];

    /// <summary>The generator's seed: ONEWINDOW_FUZZ_SEED to replay a run, a new one otherwise (every failure names it).</summary>
    private static readonly ulong Seed = ulong.TryParse(Environment.GetEnvironmentVariable("ONEWINDOW_FUZZ_SEED"), out var seed) ? seed : (ulong)System.Random.Shared.NextInt64();

    [Fact]
    public void Every_post_and_put_function_is_in_the_fuzz_table()
    {
        var declared = typeof(OneWindow.Functions.Applications.ApplicationFunctions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(f => f.Function is not null && f.Trigger?.Methods is { } methods && methods.Any(x => x.Equals("post", StringComparison.OrdinalIgnoreCase) || x.Equals("put", StringComparison.OrdinalIgnoreCase)))
            .ToDictionary(f => f.Function!.Name, f => f.Trigger!.Route);
        Assert.True(declared.Count >= 19, $"Only {declared.Count} POST/PUT functions found.");
        Assert.Empty(declared.Keys.Except(Routes.Keys));
        Assert.Empty(Routes.Keys.Except(declared.Keys));
    }

    public static TheoryData<string> RouteNames => new(Routes.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(RouteNames))]
    public async Task Generated_malformed_bodies_are_4xx_problems_and_store_nothing(string function)
    {
        var route = Routes[function];
        var template = JsonNode.Parse(route.Template)!;
        var targets = Targets(template).Count;
        var cases = Gen.Sample(
            from kind in Gen.Elements(Enum.GetValues<Kind>())
            from target in Gen.Choose(0, targets - 1)
            from variant in Gen.Choose(0, 1000)
            from size in Gen.Choose(0, 1000)
            select new Case(kind, target, variant, size), 50, new Rnd(Seed), 60).ToList();
        // Every kind at least once, whatever the sample drew.
        cases.AddRange(Enum.GetValues<Kind>().Select((k, i) => new Case(k, i % targets, i, i)));

        using var client = await ClientAsync(route.Role);
        var before = await fixture.SnapshotAsync();
        var failures = new List<string>();
        foreach (var c in cases)
        {
            var (body, expectedField) = Mutate(template, c);
            using var response = await SendAsync(client, route, body);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            string? failure = null;
            if (status is < 400 or >= 500 || !problem) failure = $"{status} {response.Content.Headers.ContentType}";
            else if (expectedField is not null && route.ReadsBody)
            {
                var errors = JsonNode.Parse(text)?["errors"] as JsonObject;
                if (status != 400 || errors is null || !errors.Select(e => e.Key).Any(k => k == expectedField || k.StartsWith(expectedField + (expectedField == "body" ? "" : "["), StringComparison.Ordinal) || (expectedField != "body" && k.StartsWith(expectedField + ".", StringComparison.Ordinal))))
                    failure = $"{status}, expected an error naming '{expectedField}'";
            }

            if (failure is not null) failures.Add($"{c} → {failure}: {Shorten(Encoding.UTF8.GetString(body))} ⇒ {Shorten(text)}");
        }

        foreach (var f in failures.Take(20)) output.WriteLine(f);
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} bodies to {function} were not a proper 4xx problem (ONEWINDOW_FUZZ_SEED={Seed}):\n" + string.Join("\n", failures.Take(10)));
        Assert.Equal(before, await fixture.SnapshotAsync());
    }

    private static string Shorten(string s) => s.Length > 300 ? s[..300] + $"…({s.Length} chars)" : s;

    /// <summary>Every node below the root, with its path as the API names fields (<c>a.b[0].c</c>).</summary>
    private static List<(string Path, JsonNode Node)> Targets(JsonNode root)
    {
        var list = new List<(string, JsonNode)>();
        void Walk(JsonNode node, string path)
        {
            if (node is JsonObject o)
            {
                foreach (var (key, child) in o.ToList()) if (child is not null) { var p = path.Length == 0 ? key : $"{path}.{key}"; list.Add((p, child)); Walk(child, p); }
            }
            else if (node is JsonArray a)
            {
                for (var i = 0; i < a.Count; i++) if (a[i] is { } child) { var p = $"{path}[{i}]"; list.Add((p, child)); Walk(child, p); }
            }
        }

        Walk(root, "");
        return list;
    }

    private const string Marker = "@@fuzz-marker@@";

    /// <summary>The mutated body's bytes, and the field the reader must name (null where only a 4xx is required).</summary>
    private static (byte[] Body, string? Field) Mutate(JsonNode template, Case c)
    {
        var root = template.DeepClone();
        var targets = Targets(root);
        var (path, node) = targets[c.Target % targets.Count];
        byte[] payload;
        string? field = path;
        switch (c.Kind)
        {
            case Kind.InvalidUtf8:
                payload = [(byte)'"', .. "名"u8, .. InvalidUtf8[c.Variant % InvalidUtf8.Length], .. "x"u8, (byte)'"'];
                break;
            case Kind.LoneSurrogate:
                payload = Encoding.UTF8.GetBytes("\"" + Surrogates[c.Variant % Surrogates.Length] + "\"");
                break;
            case Kind.WrongKind:
                var kinds = WrongKinds.Where(k => KindOf(JsonNode.Parse(k)!) != KindOf(node)).ToArray();
                payload = Encoding.UTF8.GetBytes(kinds[c.Variant % kinds.Length]);
                field = null;
                break;
            case Kind.TooDeep:
                var depth = 65 + (c.Size % 200);
                var open = c.Variant % 2 == 0 ? "[" : "{\"a\":";
                var close = c.Variant % 2 == 0 ? "]" : "}";
                payload = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)));
                break;
            case Kind.Oversize:
                payload = Encoding.UTF8.GetBytes("\"" + new string('长', 20_000 + c.Size * 50) + "\"");
                break;
            default:
                // A property name that is not text: the object holding it is named (the root: "body").
                var holder = node.Parent is JsonObject parentObject ? parentObject : root.AsObject();
                holder[Marker + "key"] = 1;
                field = holder == root ? "body" : Targets(root).First(t => ReferenceEquals(t.Node, holder)).Path;
                var text = Encoding.UTF8.GetBytes(root.ToJsonString());
                var bad = c.Variant % 2 == 0 ? Encoding.UTF8.GetBytes("\"\\ud800\"") : [(byte)'"', 0xC0, 0xAF, (byte)'"'];
                return (Replace(text, Encoding.UTF8.GetBytes($"\"{Marker}key\""), bad), field);
        }

        node.ReplaceWith(JsonValue.Create(Marker));
        return (Replace(Encoding.UTF8.GetBytes(root.ToJsonString()), Encoding.UTF8.GetBytes($"\"{Marker}\""), payload), field);
    }

    private static string KindOf(JsonNode node) => node is JsonValue v ? v.GetValueKind().ToString() : node.GetType().Name;

    private static byte[] Replace(byte[] text, byte[] marker, byte[] payload)
    {
        var at = text.AsSpan().IndexOf(marker);
        Assert.True(at >= 0);
        return [.. text.AsSpan(0, at), .. payload, .. text.AsSpan(at + marker.Length)];
    }

    private async Task<HttpClient> ClientAsync(string role) => role switch
    {
        "anonymous" or "webhook" => new HttpClient { BaseAddress = fixture.Platform.HostUrl },
        "reviewer" or "chief" => await fixture.ClientAsync(role, Department),
        _ => await fixture.ClientAsync(role),
    };

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Route route, byte[] body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        if (route.Role == "webhook")
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            request.Headers.Add("X-Delivery-Id", Guid.NewGuid().ToString());
            request.Headers.Add("X-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("X-Signature", DepartmentWebhookSignature.Sign(route.Secret ?? "demo-secret-" + Department, timestamp, body));
        }

        return await client.SendAsync(request);
    }
}
