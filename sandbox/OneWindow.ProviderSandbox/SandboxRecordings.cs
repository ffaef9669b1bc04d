using System.Collections.Concurrent;
using System.Text.Json;

namespace OneWindow.ProviderSandbox;

/// <summary>What the stand-ins received, in memory, in arrival order.</summary>
public sealed class SandboxRecordings
{
    private readonly ConcurrentQueue<SmsRecord> _sms = new();
    private readonly ConcurrentQueue<ShipmentRecord> _shipments = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DeliveryRecord>> _deliveries = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _shipmentStatus = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<PaymentRecord> _payments = new();
    private readonly Lock _shipmentGate = new();

    /// <summary>Records a text message.</summary>
    public void Add(SmsRecord sms) => _sms.Enqueue(sms);

    /// <summary>Records a shipment.</summary>
    public void Add(ShipmentRecord shipment) => _shipments.Enqueue(shipment);

    /// <summary>
    /// The shipment ordered under <paramref name="reference"/>, created by <paramref name="create"/> if there is none yet:
    /// a courier keeps one order per customer reference, so a repeated order gets the same waybill (true when new).
    /// </summary>
    public (ShipmentRecord Shipment, bool Created) AddShipmentOnce(string reference, Func<ShipmentRecord> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (_shipmentGate)
        {
            if (_shipments.FirstOrDefault(s => s.Reference == reference) is { } existing) return (existing, false);
            var shipment = create();
            _shipments.Enqueue(shipment);
            _shipmentStatus[shipment.Waybill] = "created";
            return (shipment, true);
        }
    }

    /// <summary>The last tracking status of a shipment (<c>created</c> until the courier reports one).</summary>
    public string ShipmentStatus(string waybill) => _shipmentStatus.GetValueOrDefault(waybill, "created");

    /// <summary>Records the tracking status the courier reported.</summary>
    public void SetShipmentStatus(string waybill, string status) => _shipmentStatus[waybill] = status;

    /// <summary>Records a payment the bank made.</summary>
    public void Add(PaymentRecord payment) => _payments.Enqueue(payment);

    /// <summary>All payments the bank made.</summary>
    public IReadOnlyList<PaymentRecord> Payments() => _payments.ToList();

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
        _shipmentStatus.Clear();
        _payments.Clear();
        _deliveries.Clear();
    }
}
