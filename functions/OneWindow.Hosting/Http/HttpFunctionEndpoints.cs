using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Hosting.Discovery;

namespace OneWindow.Hosting.Http;

/// <summary>Maps every <c>[HttpTrigger]</c> function to an endpoint below the route prefix.</summary>
public static class HttpFunctionEndpoints
{
    /// <summary>The source of spans for function invocations.</summary>
    public static readonly ActivitySource ActivitySource = new("OneWindow.Hosting");

    /// <summary>Maps the HTTP functions among <paramref name="functions"/> under <paramref name="routePrefix"/>.</summary>
    public static void MapHttpFunctions(this IEndpointRouteBuilder endpoints, IEnumerable<FunctionDescriptor> functions, string routePrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(functions);
        foreach (var function in functions.Where(f => f.TriggerKind == FunctionTriggerKind.Http))
        {
            var trigger = (HttpTriggerAttribute)function.TriggerAttribute;
            var route = "/" + string.Join('/', new[] { routePrefix.Trim('/'), (trigger.Route ?? function.Name).Trim('/') }.Where(s => s.Length > 0));
            var methods = trigger.Methods.Count == 0 ? ["GET"] : trigger.Methods.Select(m => m.ToUpperInvariant()).ToArray();
            var builder = endpoints.MapMethods(route, methods, (RequestDelegate)(context => InvokeAsync(function, context)));
            builder.WithName(function.Name);
            builder.WithMetadata(function.Method);

            // OpenAPI groups by feature folder (the namespace's last part: Catalog, Administration, ...) unless [Tags] says otherwise.
            if (!function.Method.IsDefined(typeof(TagsAttribute), true) && !function.DeclaringType.IsDefined(typeof(TagsAttribute), true))
            {
                builder.WithTags(function.DeclaringType.Namespace?.Split('.')[^1] ?? function.DeclaringType.Name);
            }

            builder.WithSummary(function.Name);
            foreach (var attribute in function.DeclaringType.GetCustomAttributes(inherit: true))
            {
                builder.WithMetadata(attribute);
            }

            foreach (var attribute in function.Method.GetCustomAttributes(inherit: true))
            {
                builder.WithMetadata(attribute);
            }

            // Secure by default (API.md: every route but the public ones needs a token): a function without
            // [Authorize] or [AllowAnonymous] requires an authenticated caller.
            var declared = function.DeclaringType.GetCustomAttributes(inherit: true).Concat(function.Method.GetCustomAttributes(inherit: true));
            if (!declared.Any(a => a is Microsoft.AspNetCore.Authorization.IAuthorizeData or Microsoft.AspNetCore.Authorization.IAllowAnonymous))
            {
                builder.RequireAuthorization();
            }
        }
    }

    private static async Task InvokeAsync(FunctionDescriptor function, HttpContext http)
    {
        using var activity = ActivitySource.StartActivity("function " + function.Name);
        var provider = http.RequestServices;
        var bindingData = http.Request.RouteValues.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        var context = new FunctionContext(function.Name, http.TraceIdentifier, provider, bindingData, http.RequestAborted, Activity.Current?.Context);
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
            else if (type == typeof(HttpContext))
            {
                arguments[i] = http;
            }
            else if (type == typeof(CancellationToken))
            {
                arguments[i] = http.RequestAborted;
            }
            else if (type == typeof(FunctionContext))
            {
                arguments[i] = context;
            }
            else if (p.Name is not null && http.Request.RouteValues.TryGetValue(p.Name, out var raw) && IsSimple(type))
            {
                if (!TryConvert(raw?.ToString(), type, out var value))
                {
                    await Results.Problem(
                        statusCode: StatusCodes.Status400BadRequest,
                        title: "Invalid route value",
                        detail: $"The route value '{p.Name}' is not a valid {Nullable.GetUnderlyingType(type)?.Name ?? type.Name}.").ExecuteAsync(http).ConfigureAwait(false);
                    return;
                }

                arguments[i] = value;
            }
            else
            {
                arguments[i] = provider.GetService(type) ?? (p.HasDefaultValue ? p.DefaultValue : null);
            }
        }

        var result = await FunctionMethodRunner.RunAsync(function, provider, p => arguments[p.Position], continueOnContext: false).ConfigureAwait(false);
        if (result is IResult response)
        {
            await response.ExecuteAsync(http).ConfigureAwait(false);
        }
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
