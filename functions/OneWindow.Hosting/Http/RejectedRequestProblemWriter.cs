using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;

namespace OneWindow.Hosting.Http;

/// <summary>
/// The connection's output, except that the answer Kestrel gives by itself to a request it cannot parse (an empty 4xx with
/// <c>Connection: close</c>, for example to <c>%00</c> in the path; no application code runs for it) becomes a problem
/// document that says what was wrong, like every other 4xx of the API. Output is held until each flush so a whole answer
/// is seen at once; everything else passes unchanged. Only the local host's Kestrel has this; in Azure the front end and
/// the Functions host answer such requests before the worker.
/// </summary>
/// <param name="inner">The transport's output.</param>
internal sealed class RejectedRequestProblemWriter(PipeWriter inner) : PipeWriter
{
    private static readonly byte[] StatusLineStart = "HTTP/1.1 4"u8.ToArray();
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    private readonly ArrayBufferWriter<byte> pending = new();

    public override bool CanGetUnflushedBytes => true;

    public override long UnflushedBytes => pending.WrittenCount;

    public override void Advance(int bytes) => pending.Advance(bytes);

    public override Memory<byte> GetMemory(int sizeHint = 0) => pending.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => pending.GetSpan(sizeHint);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null)
    {
        Drain();
        inner.Complete(exception);
    }

    public override ValueTask CompleteAsync(Exception? exception = null)
    {
        Drain();
        return inner.CompleteAsync(exception);
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        Drain();
        return inner.FlushAsync(cancellationToken);
    }

    /// <summary>The problem answer for Kestrel's own rejection in <paramref name="output"/>, or null when it is something else.</summary>
    internal static byte[]? Rewrite(ReadOnlySpan<byte> output)
    {
        if (!output.StartsWith(StatusLineStart)) return null;
        var end = output.IndexOf(HeaderEnd);
        if (end < 0 || end + HeaderEnd.Length != output.Length) return null;
        var lines = Encoding.ASCII.GetString(output[..end]).Split("\r\n");
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        if (headers.GetValueOrDefault("Content-Length") != "0" || headers.ContainsKey("Content-Type")
            || !string.Equals(headers.GetValueOrDefault("Connection"), "close", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var statusLine = lines[0].Split(' ', 3);
        if (statusLine.Length < 2 || !int.TryParse(statusLine[1], out var status)) return null;
        var title = statusLine.Length == 3 ? statusLine[2] : "Bad Request";
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = Detail(status),
        });
        var head = new StringBuilder()
            .Append(lines[0]).Append("\r\n")
            .Append("Content-Type: application/problem+json; charset=utf-8\r\n")
            .Append("Content-Length: ").Append(body.Length).Append("\r\n")
            .Append("Connection: close\r\n")
            .Append("X-Content-Type-Options: nosniff\r\n")
            .Append("Cache-Control: no-store\r\n");
        if (headers.TryGetValue("Date", out var date)) head.Append("Date: ").Append(date).Append("\r\n");
        head.Append("\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. body];
    }

    private static string Detail(int status) => status switch
    {
        413 => "The request body is larger than the server accepts.",
        414 => "The request target (path and query) is too long.",
        431 => "The request headers are too large.",
        _ => "The request could not be read: its request line or headers are malformed (for example %00 or another control character in the path, or an invalid header). Nothing was done.",
    };

    private void Drain()
    {
        if (pending.WrittenCount == 0) return;
        var written = pending.WrittenSpan;
        if (Rewrite(written) is { } problem) inner.Write(problem);
        else inner.Write(written);
        pending.ResetWrittenCount();
    }
}
