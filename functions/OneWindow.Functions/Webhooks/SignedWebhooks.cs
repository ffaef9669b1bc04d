using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Departments;
using OneWindow.Domain.Review;

namespace OneWindow.Functions.Webhooks;

/// <summary>
/// Inbound webhooks signed as API.md defines for department systems, used by every sender (department systems, the
/// courier, the bank): the raw body within <see cref="MaxBodyBytes"/>, <c>X-Signature</c> (HMAC-SHA256 over
/// <c>X-Timestamp.rawBody</c>, <see cref="DepartmentWebhookSignature"/>) within 300 s of real time, and replay memory of
/// delivery ids and signatures per sender (<see cref="IWebhookDeliveryStore"/>).
/// </summary>
public sealed class SignedWebhooks(IWebhookDeliveryStore deliveries, ILogger<SignedWebhooks> logger)
{
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>How long a delivery id is remembered: far beyond the 300 s signature window, so a replay cannot outlive it.</summary>
    public static readonly TimeSpan DeliveryMemory = TimeSpan.FromDays(2);

    /// <summary>
    /// How long a verified signature is remembered: a timestamp passes <see cref="DepartmentWebhookSignature.Window"/> until
    /// at most that long after now, so twice the window (and a minute for clocks) outlives every replay of it.
    /// </summary>
    public static readonly TimeSpan SignatureMemory = 2 * DepartmentWebhookSignature.Window + TimeSpan.FromMinutes(1);

    /// <summary>
    /// Reads the raw body and checks its signature with <paramref name="secret"/> at <paramref name="now"/> (real time: the
    /// sender signs with its own clock, which the development clock does not move). The body, or a 401/413 problem.
    /// </summary>
    public async Task<(byte[]? Body, IResult? Refused)> ReadAsync(HttpRequest request, string sender, string secret, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBodyBytes) return (null, Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large", detail: $"The body must be at most {MaxBodyBytes} bytes."));
        var raw = buffer.ToArray();
        switch (DepartmentWebhookSignature.Verify(secret, request.Headers["X-Timestamp"].ToString(), request.Headers["X-Signature"].ToString(), raw, now))
        {
            case WebhookVerification.StaleTimestamp:
                logger.LogWarning("Webhook from {Sender} refused: stale timestamp.", sender);
                return (null, Unauthorized("X-Timestamp is more than 300 s away from now."));
            case WebhookVerification.BadSignature:
                logger.LogWarning("Webhook from {Sender} refused: bad signature.", sender);
                return (null, Unauthorized($"X-Signature does not match the body, the timestamp and the secret of {sender}."));
            case WebhookVerification.MissingOrMalformedHeaders:
                return (null, Unauthorized("X-Timestamp (Unix seconds) and X-Signature (sha256=<hex>) are required."));
            default:
                return (raw, null);
        }
    }

    /// <summary>
    /// For senders whose replays are refused (the courier, the bank): the secret must exist, the signature verify, the
    /// delivery id be given and not seen before. The raw body and the delivery id, or the 401/400 answer.
    /// </summary>
    public async Task<(byte[]? Body, string? DeliveryId, IResult? Refused)> ReadNewAsync(HttpRequest request, string sender, string? secret, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (secret is null) return (null, null, Unauthorized($"No secret is configured for {sender}."));
        var (raw, refused) = await ReadAsync(request, sender, secret, now, cancellationToken);
        if (refused is not null) return (null, null, refused);
        var deliveryId = DeliveryId(request);
        if (deliveryId is null) return (null, null, MissingDeliveryId());
        return await SeenAsync(sender, deliveryId, now, cancellationToken) ? (null, null, Replayed(sender, deliveryId)) : (raw, deliveryId, null);
    }

    /// <summary>The 400 answer to a webhook without a usable <c>X-Delivery-Id</c>.</summary>
    public static IResult MissingDeliveryId() =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["X-Delivery-Id"] = ["X-Delivery-Id is required (at most 200 characters), unique per delivery."] },
            detail: "See errors for the fields to correct.", title: "Invalid request", type: "https://onewindow.example/problems/validation");

    /// <summary>The 401 answer to a replay from a sender whose replays are refused.</summary>
    public IResult Replayed(string sender, string deliveryId)
    {
        logger.LogWarning("Webhook {DeliveryId} from {Sender} refused: a replay.", deliveryId, sender);
        return Unauthorized("This delivery (its X-Delivery-Id or its signature) was received before: a replay has no effect.");
    }

    /// <summary>The <c>X-Delivery-Id</c> header, or null when it is missing or longer than 200 characters.</summary>
    public static string? DeliveryId(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.Headers["X-Delivery-Id"].ToString();
        return id.Length is 0 or > 200 ? null : id;
    }

    /// <summary>Whether the delivery id of a verified request was already received from <paramref name="sender"/> (read only).</summary>
    public Task<bool> SeenAsync(string sender, string deliveryId, DateTimeOffset now, CancellationToken cancellationToken) =>
        deliveries.SeenAsync(sender, deliveryId, now, cancellationToken);

    /// <summary>
    /// Remembers the delivery id and the signature of a verified request; false when either was remembered already: the
    /// same delivery again, or the same signed request under a new delivery id (a replay either way).
    /// </summary>
    public async Task<bool> RememberAsync(HttpRequest request, string sender, string deliveryId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await deliveries.TryRememberAsync(sender, deliveryId, now, now + DeliveryMemory, cancellationToken)) return false;
        var signature = Convert.FromHexString(request.Headers["X-Signature"].ToString().AsSpan("sha256=".Length));
        return await deliveries.TryRememberSignatureAsync(sender, signature, now, now + SignatureMemory, cancellationToken);
    }

    /// <summary>The 401 problem of a refused webhook.</summary>
    public static IResult Unauthorized(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail, type: "https://onewindow.example/problems/unauthorized");
}
