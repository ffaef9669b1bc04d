using System.Text;
using System.Text.Json;
using OneWindow.Hosting.Http;
using Xunit;

namespace OneWindow.Hosting.Tests.Http;

/// <summary>Which answers the connection output rewrites: Kestrel's own empty refusals, nothing else.</summary>
public sealed class RejectedRequestProblemWriterTests
{
    [Fact]
    public void Kestrels_empty_refusal_becomes_a_problem_with_detail()
    {
        var refusal = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\nDate: Mon, 30 Nov 2026 11:08:18 GMT\r\n\r\n";
        var rewritten = Encoding.UTF8.GetString(RejectedRequestProblemWriter.Rewrite(Encoding.ASCII.GetBytes(refusal))!);
        var split = rewritten.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = rewritten[..split];
        var body = rewritten[(split + 4)..];
        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", head, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json; charset=utf-8", head, StringComparison.Ordinal);
        Assert.Contains($"Content-Length: {Encoding.UTF8.GetByteCount(body)}", head, StringComparison.Ordinal);
        Assert.Contains("Date: Mon, 30 Nov 2026 11:08:18 GMT", head, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("Bad Request", problem.GetProperty("title").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));

        var tooLong = RejectedRequestProblemWriter.Rewrite("HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8);
        Assert.Contains("headers are too large", Encoding.UTF8.GetString(tooLong!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\nContent-Length: 30\r\nConnection: close\r\n\r\n")]
    [InlineData("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\nextra")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n")]
    [InlineData("{\"HTTP/1.1 400\":1}")]
    public void Every_other_output_passes_unchanged(string output) =>
        Assert.Null(RejectedRequestProblemWriter.Rewrite(Encoding.ASCII.GetBytes(output)));
}
