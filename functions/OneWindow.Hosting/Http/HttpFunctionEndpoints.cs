using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Hosting.Discovery;
using OneWindow.Hosting.Invocation;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Hosting.Http;

/// <summary>Maps every <c>[HttpTrigger]</c> function to an endpoint below the route prefix.</summary>
public static class HttpFunctionEndpoints
{
    /// <summary>The source of spans for function invocations.</summary>
    public static readonly ActivitySource ActivitySource = new("OneWindow.Hosting");

    /// <summary>Maps the HTTP functions among <paramref name="functions"/> at their routes (host.json's routePrefix before them).</summary>
    public static void MapHttpFunctions(this IEndpointRouteBuilder endpoints, IEnumerable<FunctionDescriptor> functions, string routePrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(functions);
        foreach (var function in functions.Where(f => f.TriggerKind == FunctionTriggerKind.Http))
        {
            var trigger = (HttpTriggerAttribute)function.TriggerAttribute;
            var route = RouteOf(function, routePrefix);
            var methods = trigger.Methods is not { Length: > 0 } declared ? ["GET"] : declared.Select(m => m.ToUpperInvariant()).ToArray();
            var definition = new LocalFunctionDefinition(function);
            var builder = endpoints.MapMethods(route, methods, (RequestDelegate)(context => InvokeAsync(definition, context)));
            builder.WithName(function.Name);
            builder.WithMetadata(function.Method);

            // OpenAPI groups by feature folder (the namespace's last part: Catalog, Administration, ...) unless [Tags] says otherwise.
            if (!function.Method.IsDefined(typeof(TagsAttribute), true) && !function.DeclaringType.IsDefined(typeof(TagsAttribute), true))
            {
                builder.WithTags(function.DeclaringType.Namespace?.Split('.')[^1] ?? function.DeclaringType.Name);
            }

            // Everything but authorization: [Authorize] is checked by the app's worker middleware, as in Azure, where the
            // Functions host does not look at it (decision 0013).
            foreach (var attribute in function.DeclaringType.GetCustomAttributes(inherit: true).Concat(function.Method.GetCustomAttributes(inherit: true)))
            {
                if (attribute is not Microsoft.AspNetCore.Authorization.IAuthorizeData and not Microsoft.AspNetCore.Authorization.IAllowAnonymous)
                {
                    builder.WithMetadata(attribute);
                }
            }
        }
    }

    /// <summary>The path of an HTTP function: the route prefix, then its route (or its name), as the Functions host builds it.</summary>
    public static string RouteOf(FunctionDescriptor function, string routePrefix)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(routePrefix);
        var trigger = (HttpTriggerAttribute)function.TriggerAttribute;
        return "/" + string.Join('/', new[] { routePrefix.Trim('/'), (trigger.Route ?? function.Name).Trim('/') }.Where(s => s.Length > 0));
    }

    private static async Task InvokeAsync(LocalFunctionDefinition definition, HttpContext http)
    {
        var function = definition.Function;
        using var activity = ActivitySource.StartActivity("function " + function.Name);
        var provider = http.RequestServices;
        var bindingData = http.Request.RouteValues.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        var context = new LocalFunctionContext(definition, provider, bindingData, http.RequestAborted);
        context.Items[LocalFunctionContext.HttpContextKey] = http;
        var pipeline = provider.GetRequiredService<FunctionPipeline>();
        var result = await pipeline.InvokeAsync(context, c => RunAsync(c, http)).ConfigureAwait(false);
        if (result is IResult response && !http.Response.HasStarted)
        {
            await response.ExecuteAsync(http).ConfigureAwait(false);
        }
    }

    private static async Task<object?> RunAsync(LocalFunctionContext context, HttpContext http)
    {
        var function = ((LocalFunctionDefinition)context.FunctionDefinition).Function;
        var provider = context.InstanceServices;
        var parameters = function.Method.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            var type = p.ParameterType;
            if (i == function.TriggerParameter.Position || type == typeof(HttpRequest))
            {
                arguments[i] = http.Request;
            }
            else if (FunctionInvoker.TryBindInvocation(p, context, http.RequestAborted, out var bound))
            {
                arguments[i] = bound;
            }
            else if (p.Name is not null && http.Request.RouteValues.TryGetValue(p.Name, out var raw) && IsSimple(type))
            {
                if (!TryConvert(raw?.ToString(), type, out var value))
                {
                    return Results.Problem(
                        statusCode: StatusCodes.Status400BadRequest,
                        title: "Invalid route value",
                        detail: $"The route value '{p.Name}' is not a valid {Nullable.GetUnderlyingType(type)?.Name ?? type.Name}.");
                }

                arguments[i] = value;
            }
            else
            {
                // The worker binds only what the host sends: a parameter it cannot bind is an error there too (FunctionDiscovery refuses it).
                arguments[i] = p.HasDefaultValue ? p.DefaultValue : null;
            }
        }

        return await FunctionMethodRunner.RunAsync(function, provider, p => arguments[p.Position], continueOnContext: false).ConfigureAwait(false);
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(Guid) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(DateTimeOffset) || t == typeof(DateTime);
    }

    private static bool TryConvert(string? raw, Type type, out object? value)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        value = null;
        if (raw is null)
        {
            return Nullable.GetUnderlyingType(type) is not null || !type.IsValueType;
        }

        try
        {
            value = t == typeof(string) ? raw
                : t == typeof(Guid) ? Guid.Parse(raw, CultureInfo.InvariantCulture)
                : t == typeof(DateOnly) ? DateOnly.Parse(raw, CultureInfo.InvariantCulture)
                : t == typeof(DateTimeOffset) ? DateTimeOffset.Parse(raw, CultureInfo.InvariantCulture)
                : t.IsEnum ? Enum.Parse(t, raw, ignoreCase: true)
                : Convert.ChangeType(raw, t, CultureInfo.InvariantCulture);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
