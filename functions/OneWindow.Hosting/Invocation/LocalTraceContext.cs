using System.Diagnostics;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Hosting.Invocation;

/// <summary>The W3C trace context the invocation continues, in the <c>traceparent</c> form the Functions host gives.</summary>
internal sealed class LocalTraceContext(ActivityContext? context) : TraceContext
{
    public override string TraceParent { get; } = context is { } c && c != default
        ? $"00-{c.TraceId.ToHexString()}-{c.SpanId.ToHexString()}-{(c.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? "01" : "00")}"
        : "";

    public override string TraceState { get; } = context?.TraceState ?? "";
}
