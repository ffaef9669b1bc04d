using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Middleware;

/// <summary>Which trigger a function has, read from its definition as Azure's worker describes it.</summary>
internal static class FunctionTriggers
{
    public static bool IsHttp(FunctionContext context) => Has(context, "httpTrigger");

    public static bool IsQueue(FunctionContext context) => Has(context, "queueTrigger");

    private static bool Has(FunctionContext context, string type) =>
        context.FunctionDefinition.InputBindings.Values.Any(b => string.Equals(b.Type, type, StringComparison.OrdinalIgnoreCase));
}
