namespace OneWindow.Domain.Delivery;

/// <summary>The courier dispatch queue message: a reference only; the function decrypts name, phone and address itself.</summary>
public sealed record CourierDispatch(string ApplicationId, int Attempt = 1);
