namespace OneWindow.ProviderSandbox;

/// <summary>A fault for one target: the fraction of requests answered 503 and the latency added before answering.</summary>
public sealed record FaultSetting(double ErrorRate, int LatencyMs);
