using System.Collections.Concurrent;
using System.Text.Json;

namespace OneWindow.ProviderSandbox;

/// <summary>What the stand-ins received, in memory, in arrival order.</summary>
public sealed class SandboxRecordings
{
    private readonly ConcurrentQueue<SmsRecord> _sms = new();
    private readonly ConcurrentQueue<ShipmentRecord> _shipments = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DeliveryRecord>> _deliveries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Records a text message.</summary>
    public void Add(SmsRecord sms) => _sms.Enqueue(sms);

    /// <summary>Records a shipment.</summary>
    public void Add(ShipmentRecord shipment) => _shipments.Enqueue(shipment);

    /// <summary>Records a push to a department system.</summary>
    public void Add(string department, DeliveryRecord delivery) =>
        _deliveries.GetOrAdd(department, _ => new ConcurrentQueue<DeliveryRecord>()).Enqueue(delivery);

    /// <summary>Text messages, optionally only those to <paramref name="to"/>.</summary>
    public IReadOnlyList<SmsRecord> Sms(string? to) =>
        _sms.Where(s => string.IsNullOrEmpty(to) || s.To == to).ToList();

    /// <summary>The first text message accepted with <paramref name="reference"/>, if any.</summary>
    public SmsRecord? SmsByReference(string reference) => _sms.FirstOrDefault(s => s.Reference == reference);

    /// <summary>All shipments.</summary>
    public IReadOnlyList<ShipmentRecord> Shipments() => _shipments.ToList();

    /// <summary>The shipment with that waybill, if any.</summary>
    public ShipmentRecord? Shipment(string waybill) => _shipments.FirstOrDefault(s => s.Waybill == waybill);

    /// <summary>Pushes received for <paramref name="department"/>.</summary>
    public IReadOnlyList<DeliveryRecord> Deliveries(string department) =>
        _deliveries.TryGetValue(department, out var queue) ? queue.ToList() : [];

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        _sms.Clear();
        _shipments.Clear();
        _deliveries.Clear();
    }
}
