using System.Text.Json;

namespace OneWindow.Hosting.Queues;

/// <summary>The queue message format: the W3C trace parent travels with the JSON body.</summary>
/// <param name="Traceparent">The sender's W3C <c>traceparent</c>, if any.</param>
/// <param name="Body">The message body.</param>
public sealed record QueueEnvelope(string? Traceparent, JsonElement Body);
