using System.Text;

namespace OneWindow.DurableTask.AzureStorage;

/// <summary>FNV-1a over UTF-8: stable across processes and .NET versions (string.GetHashCode is not).</summary>
internal static class StableHash
{
    public static uint Compute(string value)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
