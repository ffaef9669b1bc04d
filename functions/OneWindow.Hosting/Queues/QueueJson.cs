using System.Text.Json;

namespace OneWindow.Hosting.Queues;

/// <summary>JSON settings of queue messages (System.Text.Json web defaults).</summary>
internal static class QueueJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
