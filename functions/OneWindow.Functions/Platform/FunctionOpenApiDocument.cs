using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Platform;

/// <summary>
/// The OpenAPI 3.0 document of the HTTP functions, read from the same declarations the Worker SDK writes into
/// functions.metadata ([Function], [HttpTrigger] route and verbs) plus [Authorize]: it lists exactly what Azure serves.
/// </summary>
public static partial class FunctionOpenApiDocument
{
    /// <summary>Builds the document for the HTTP functions in <paramref name="assemblies"/>, without servers (relative to itself).</summary>
    public static JsonObject Build(params Assembly[] assemblies) => Build([], assemblies);

    /// <summary>
    /// Builds the document for the HTTP functions in <paramref name="assemblies"/>, served at <paramref name="servers"/>
    /// (configuration, <c>OpenApi:Servers</c>; never the request's Host header); without any, at <c>/</c>, the
    /// document's own origin.
    /// </summary>
    public static JsonObject Build(IReadOnlyList<string> servers, params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var paths = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (method, function, trigger) in HttpFunctions(assemblies))
        {
            var path = "/" + (trigger.Route ?? function.Name).Trim('/');
            if (!paths.TryGetValue(path, out var item)) paths[path] = item = [];
            foreach (var verb in trigger.Methods is { Length: > 0 } verbs ? verbs : ["get"])
            {
                item[verb.ToLowerInvariant()] = Operation(method, function.Name, path, verb);
            }
        }

        var pathsNode = new JsonObject();
        foreach (var (path, item) in paths) pathsNode[path] = item;
        return new JsonObject
        {
            ["openapi"] = "3.0.1",
            ["info"] = new JsonObject
            {
                ["title"] = "OneWindow",
                ["description"] = "One-stop government services: catalog, applications, department work, supervision and licences.",
                ["version"] = "v1",
            },
            ["servers"] = new JsonArray((servers.Count > 0 ? servers : ["/"]).Select(url => (JsonNode)new JsonObject { ["url"] = url }).ToArray()),
            ["paths"] = pathsNode,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" },
                },
            },
        };
    }

    /// <summary>Every HTTP function of <paramref name="assemblies"/> with its trigger.</summary>
    public static IEnumerable<(MethodInfo Method, FunctionAttribute Function, HttpTriggerAttribute Trigger)> HttpFunctions(params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()).Where(t => t.IsClass))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var function = method.GetCustomAttribute<FunctionAttribute>();
                var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(t => t is not null);
                if (function is not null && trigger is not null) yield return (method, function, trigger);
            }
        }
    }

    private static JsonObject Operation(MethodInfo method, string name, string path, string verb)
    {
        var type = method.DeclaringType!;
        var declared = OneWindow.Functions.Middleware.FunctionMethods.DeclaredOn(method);
        var operation = new JsonObject
        {
            ["operationId"] = name,
            ["tags"] = new JsonArray(type.Namespace?.Split('.')[^1] ?? type.Name),
        };
        var parameters = new JsonArray();
        foreach (Match match in RouteParameter().Matches(path))
        {
            parameters.Add(new JsonObject { ["name"] = match.Groups[1].Value, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }

        if (parameters.Count > 0) operation["parameters"] = parameters;
        if (verb.ToUpperInvariant() is "POST" or "PUT" or "PATCH")
        {
            operation["requestBody"] = new JsonObject { ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } } };
        }

        var responses = new JsonObject { ["200"] = new JsonObject { ["description"] = "Success (202 when the work continues in the background)." } };
        if (!declared.OfType<IAllowAnonymous>().Any())
        {
            var roles = declared.OfType<IAuthorizeData>().Select(a => a.Roles).Where(r => !string.IsNullOrEmpty(r)).ToList();
            operation["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() });
            if (roles.Count > 0) operation["description"] = "Roles: " + string.Join("; ", roles) + ".";
            responses["401"] = new JsonObject { ["description"] = "No valid bearer token." };
            responses["403"] = new JsonObject { ["description"] = "The caller's roles or department do not allow it." };
        }

        if (RouteDocumentation.ByFunction.TryGetValue(name, out var documented))
        {
            operation["summary"] = documented.Summary;
            operation["description"] = documented.Description + (operation["description"] is { } roles ? " " + roles.GetValue<string>() : "");
            foreach (var (code, text) in documented.Responses) responses[code] = new JsonObject { ["description"] = text };
        }

        operation["responses"] = responses;
        return operation;
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)(?::[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
