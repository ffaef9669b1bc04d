namespace OneWindow.Domain.Departments;

/// <summary>Why a department webhook was accepted or refused (all refusals answer 401; the detail differs).</summary>
public enum WebhookVerification
{
    /// <summary>Signature and timestamp are good.</summary>
    Valid,

    /// <summary><c>X-Timestamp</c> or <c>X-Signature</c> is missing or not in the expected form.</summary>
    MissingOrMalformedHeaders,

    /// <summary>The timestamp is more than <see cref="DepartmentWebhookSignature.Window"/> away from now.</summary>
    StaleTimestamp,

    /// <summary>The signature does not match the body, timestamp and the department's secret.</summary>
    BadSignature,
}
