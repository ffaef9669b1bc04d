using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using OneWindow.Domain.Departments;
using Xunit;

namespace OneWindow.Functions.Tests.Review;

/// <summary>
/// Rate limits with the default configuration (issue 15, finding 8): fast requests, forged tokens and forged webhook
/// signatures end in 429 problems with Retry-After, per client address or per token. The fixture's host trusts one
/// X-Forwarded-For hop, as behind Azure's front end, so each test comes from addresses of its own (TEST-NET-3).
/// </summary>
[Collection(ReviewCollection.Name)]
public sealed class RateLimitEndToEndTests(ReviewPlatformFixture fixture)
{
    private static string NewAddress() => $"203.0.113.{Random.Shared.Next(1, 255)}";

    private static HttpRequestMessage From(string address, HttpMethod method, string path, string? token = null, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        // The first entry is the client's own claim, which is not trusted; the last is what the front end saw.
        request.Headers.Add("X-Forwarded-For", $"198.51.100.7, {address}");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>Sends <paramref name="count"/> requests, <paramref name="parallel"/> at a time; the statuses in order of sending.</summary>
    private async Task<List<HttpResponseMessage>> FloodAsync(int count, int parallel, Func<int, HttpRequestMessage> create)
    {
        var responses = new HttpResponseMessage[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < count)
            {
                using var request = create(n);
                responses[n] = await fixture.Platform.Client.SendAsync(request);
                await responses[n].Content.LoadIntoBufferAsync();
            }
        }));
        return [.. responses];
    }

    private static async Task AssertTooManyAsync(IEnumerable<HttpResponseMessage> responses, string what)
    {
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        var statuses = string.Join(", ", responses.GroupBy(r => (int)r.StatusCode).Select(g => $"{g.Key} x{g.Count()}"));
        Assert.True(refused.Count > 0, $"{what}: never a 429 ({statuses})");
        foreach (var r in refused)
        {
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            Assert.True(r.Headers.RetryAfter?.Delta is { } delta && delta >= TimeSpan.FromSeconds(1), $"{what}: 429 without Retry-After in seconds");
            Assert.Contains("\"status\":429", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Fast_anonymous_requests_from_one_address_are_refused_429_and_other_addresses_are_not()
    {
        var address = NewAddress();
        var responses = await FloodAsync(150, 8, _ => From(address, HttpMethod.Get, "api/catalog/items"));
        await AssertTooManyAsync(responses, "150 fast catalog reads");
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"answered {(int)r.StatusCode}"));

        // Another address is its own partition; the limited one is answered again once its Retry-After has passed.
        using (var other = await fixture.Platform.Client.SendAsync(From("203.0.113.255", HttpMethod.Get, "api/catalog/items")))
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        var wait = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).Max(r => r.Headers.RetryAfter!.Delta!.Value);
        await Task.Delay(wait);
        using var again = await fixture.Platform.Client.SendAsync(From(address, HttpMethod.Get, "api/catalog/items"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Forged_tokens_count_against_the_address_and_a_valid_token_there_still_passes()
    {
        var address = NewAddress();
        var token = await fixture.Platform.TokenAsync("rate-applicant-" + Guid.NewGuid().ToString("N")[..8], "测试申请人", ["applicant"]);
        var forged = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");
        var responses = await FloodAsync(100, 4, _ => From(address, HttpMethod.Get, "api/applications", forged));
        await AssertTooManyAsync(responses, "100 forged tokens");
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"answered {(int)r.StatusCode}"));
        Assert.Equal(HttpStatusCode.Unauthorized, responses[0].StatusCode);

        using var valid = await fixture.Platform.Client.SendAsync(From(address, HttpMethod.Get, "api/applications", token));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    [Fact]
    public async Task Forged_webhook_signatures_are_refused_429()
    {
        var address = NewAddress();
        var department = ReviewPlatformFixture.WebhookDepartment;
        var responses = await FloodAsync(60, 2, n =>
        {
            var body = Encoding.UTF8.GetBytes($$"""{"taskId":"t-{{n}}","decision":"approve"}""");
            var unix = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var request = From(address, HttpMethod.Post, $"api/webhooks/departments/{department}", content: new ByteArrayContent(body));
            request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("X-Delivery-Id", "forged-" + Guid.NewGuid().ToString("N"));
            request.Headers.Add("X-Timestamp", unix.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Signature", DepartmentWebhookSignature.Sign("guessed-secret", unix, body));
            return request;
        });
        await AssertTooManyAsync(responses, "60 forged signatures");
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"answered {(int)r.StatusCode}"));
    }

    [Fact]
    public async Task Fast_submissions_are_limited_per_token_not_per_address()
    {
        var address = NewAddress();
        var flooder = await fixture.Platform.TokenAsync("rate-flood-" + Guid.NewGuid().ToString("N")[..8], "测试申请人", ["applicant"]);
        // Bodies the function refuses (400) cost nothing to store but still count: the limit comes before the function.
        var responses = await FloodAsync(150, 8, n =>
        {
            var request = From(address, HttpMethod.Post, "api/applications", flooder, JsonContent.Create(new { itemCode = "no-such-item" }));
            request.Headers.Add("Idempotency-Key", "flood-" + n);
            return request;
        });
        await AssertTooManyAsync(responses, "150 fast submissions with one token");

        // Another applicant behind the same address is not held back by the first one's limit.
        var neighbour = await fixture.Platform.TokenAsync("rate-neighbour-" + Guid.NewGuid().ToString("N")[..8], "测试申请人", ["applicant"]);
        using var request = From(address, HttpMethod.Post, "api/applications", neighbour, JsonContent.Create(new { itemCode = "no-such-item" }));
        request.Headers.Add("Idempotency-Key", "neighbour");
        using var answer = await fixture.Platform.Client.SendAsync(request);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, answer.StatusCode);
        Assert.True(answer.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"answered {(int)answer.StatusCode}");
    }
}
