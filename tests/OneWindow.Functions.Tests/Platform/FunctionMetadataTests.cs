using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using OneWindow.Functions;
using OneWindow.Hosting.Discovery;
using OneWindow.Hosting.Http;
using OneWindow.Hosting.Invocation;
using OneWindow.Orchestrations.Applications;
using OneWindow.Testing;
using Xunit;

namespace OneWindow.Functions.Tests.Platform;

/// <summary>
/// What the local host runs is what Azure would run: the functions it discovers by Microsoft's attributes (names,
/// triggers, routes, verbs, auth levels, queues, schedules, durable clients) equal the Worker SDK's generated
/// functions.metadata, which the Functions host reads in Azure.
/// </summary>
public sealed class FunctionMetadataTests
{
    private static readonly Assembly[] App = [typeof(OneWindowApp).Assembly, typeof(ApplicationOrchestration).Assembly];

    private static JsonArray Metadata()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = RepositoryPaths.Combine("functions", "OneWindow.Functions", "bin", configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"The Worker SDK did not generate {path}.");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
    }

    private static string Describe(JsonNode function)
    {
        var bindings = function["bindings"]!.AsArray();
        var trigger = bindings.First(b => ((string)b!["type"]!).EndsWith("Trigger", StringComparison.Ordinal))!;
        var methods = trigger["methods"] is JsonArray m ? string.Join(',', m.Select(x => ((string)x!).ToUpperInvariant())) : "";
        var clients = bindings.Count(b => (string)b!["type"]! == "durableClient");
        return Line((string)function["name"]!, (string)trigger["type"]!, (string?)trigger["route"], methods, (string?)trigger["authLevel"],
            (string?)trigger["queueName"], (string?)trigger["schedule"], clients);
    }

    private static string Describe(FunctionDescriptor function)
    {
        var clients = function.Method.GetParameters().Count(p => p.IsDefined(typeof(DurableClientAttribute), false));
        var type = LocalFunctionDefinition.BindingTypeOf(function.TriggerKind);
        return function.TriggerAttribute switch
        {
            HttpTriggerAttribute http => Line(function.Name, type, http.Route, string.Join(',', (http.Methods ?? []).Select(v => v.ToUpperInvariant())), http.AuthLevel.ToString(), null, null, clients),
            QueueTriggerAttribute queue => Line(function.Name, type, null, "", null, queue.QueueName, null, clients),
            TimerTriggerAttribute timer => Line(function.Name, type, null, "", null, null, timer.Schedule, clients),
            _ => Line(function.Name, type, null, "", null, null, null, clients),
        };
    }

    private static string Line(string name, string type, string? route, string methods, string? auth, string? queue, string? schedule, int clients) =>
        $"{name} {type} route={route} methods={methods} auth={auth} queue={queue} schedule={schedule} durableClients={clients}";

    [Fact]
    public void The_local_host_discovers_exactly_the_functions_of_functions_metadata()
    {
        var declared = Metadata().Select(f => Describe(f!)).Order(StringComparer.Ordinal).ToList();
        var discovered = FunctionDiscovery.Discover(App).Select(Describe).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(declared, discovered);
        Assert.True(declared.Count >= 60, $"Only {declared.Count} functions declared.");
    }

    [Fact]
    public void Every_HTTP_function_is_anonymous_at_the_route_API_md_gives_it()
    {
        var http = Metadata().Select(f => f!["bindings"]!.AsArray().FirstOrDefault(b => (string)b!["type"]! == "httpTrigger")).Where(t => t is not null).ToList();
        Assert.All(http, t => Assert.Equal("Anonymous", (string?)t!["authLevel"]));

        // The routes of API.md built so far (delivery and licences come with their issues).
        var routes = http.Select(t => ((string)t!["methods"]![0]!).ToUpperInvariant() + " /" + (string)t["route"]!).ToHashSet(StringComparer.Ordinal);
        string[] expected =
        [
            "GET /health", "GET /api/openapi.json", "GET /api/docs", "POST /api/dev/tokens", "GET /api/dev/clock", "POST /api/dev/clock",
            "GET /api/catalog/items", "GET /api/catalog/items/{code}", "POST /api/catalog/items/{code}/material-list", "GET /api/catalog/packages",
            "POST /api/uploads", "POST /api/applications", "GET /api/applications/{id}", "GET /api/applications", "POST /api/applications/{id}/acceptance",
            "POST /api/applications/{id}/corrections", "POST /api/applications/{id}/termination", "GET /api/track/{number}",
            "GET /api/departments/{department}/tasks", "POST /api/tasks/{taskId}/decision", "POST /api/tasks/{taskId}/suspension",
            "POST /api/tasks/{taskId}/resumption", "POST /api/tasks/{taskId}/extension", "POST /api/tasks/{taskId}/consultations",
            "POST /api/consultations/{consultationId}/answer", "POST /api/webhooks/departments/{department}", "GET /api/supervision/alerts",
            "GET /api/supervision/applications/{id}/history", "GET /api/supervision/applications/{id}/timeline", "GET /api/supervision/stats",
            "GET /api/supervision/evaluations", "POST /api/supervision/evaluations/{evaluationId}/follow-up", "POST /api/applications/{id}/evaluation",
            "GET /supervision/{*file}",
            "POST /api/disclosure-requests", "GET /api/disclosure-requests/{id}", "POST /api/disclosure-requests/{id}/clarification",
            "POST /api/mailbox", "GET /api/mailbox/{id}", "POST /api/mailbox/{id}/rating", "GET /api/mailbox/public",
        ];
        Assert.Subset(routes, expected.ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public void The_local_host_serves_each_HTTP_function_at_its_Azure_path()
    {
        // host.json's routePrefix is empty in both hosts, so the path is the route itself.
        var routePrefix = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("host.json")))!["extensions"]!["http"]!["routePrefix"]!.GetValue<string>();
        Assert.Equal("", routePrefix);
        var declared = Metadata().Select(f => (Name: (string)f!["name"]!, Trigger: f["bindings"]!.AsArray().FirstOrDefault(b => (string)b!["type"]! == "httpTrigger")))
            .Where(f => f.Trigger is not null).ToDictionary(f => f.Name, f => "/" + (string)f.Trigger!["route"]!);
        foreach (var function in FunctionDiscovery.Discover(App).Where(f => f.TriggerKind == FunctionTriggerKind.Http))
        {
            Assert.Equal(declared[function.Name], HttpFunctionEndpoints.RouteOf(function, routePrefix));
        }
    }

    [Fact]
    public void The_openapi_document_carries_the_documentation_of_the_disclosure_and_mailbox_routes()
    {
        var document = OneWindow.Functions.Platform.FunctionOpenApiDocument.Build(App);
        var operations = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => o.Value!)).ToDictionary(o => (string)o["operationId"]!);

        // Every documented function exists (no stale names), and its operation shows the text and the answers.
        foreach (var (name, documented) in OneWindow.Functions.Platform.RouteDocumentation.ByFunction)
        {
            Assert.True(operations.TryGetValue(name, out var operation), $"{name} is documented but is no HTTP function.");
            Assert.Equal(documented.Summary, (string?)operation!["summary"]);
            Assert.StartsWith(documented.Description, (string?)operation["description"], StringComparison.Ordinal);
            foreach (var code in documented.Responses.Keys) Assert.NotNull(operation["responses"]![code]);
        }

        var submit = document["paths"]!["/api/disclosure-requests"]!["post"]!;
        Assert.Contains("Idempotency-Key", (string?)submit["description"], StringComparison.Ordinal);
        Assert.Contains("applicant", (string?)submit["description"], StringComparison.Ordinal);
        Assert.Null(document["paths"]!["/api/mailbox/public"]!["get"]!["security"]); // public
        Assert.NotNull(document["paths"]!["/api/mailbox/{id}/rating"]!["post"]!["security"]);
    }
}
