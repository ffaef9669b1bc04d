namespace OneWindow.ProviderSandbox;

/// <summary>A payment the bank stand-in made and reported, with OneWindow's answer to the callback.</summary>
public sealed record PaymentRecord(string PaymentNotice, decimal Amount, string TransactionId, DateTimeOffset PaidAt, int OneWindowStatus);
