namespace OneWindow.Domain.Delivery;

/// <summary>
/// The fee of a case, fixed at acceptance (API.md <c>delivery.fee</c>): the total, the payment notice (缴款通知书) the bank
/// is paid against, and its status. Paid once: the bank's transaction id is kept so a repeated callback changes nothing.
/// </summary>
public sealed record CaseFee
{
    public const string Due = "due";
    public const string Paid = "paid";
    public const string Waived = "waived";
    public const string Yuan = "CNY";

    public required decimal Amount { get; init; }
    public string Currency { get; init; } = Yuan;
    public required string PaymentNotice { get; init; }
    public required string Status { get; init; }
    public IReadOnlyList<FeeLine> Lines { get; init; } = [];
    public DateTimeOffset? AssessedAt { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
    public string? TransactionId { get; init; }
}
