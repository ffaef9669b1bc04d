namespace OneWindow.Domain.Delivery;

/// <summary>Waybill → application id (a point read for the courier's tracking callbacks, which name only the waybill).</summary>
public interface IWaybillIndex
{
    /// <summary>Records the waybill of an application (create-if-absent).</summary>
    Task AddAsync(string waybill, string applicationId, CancellationToken cancellationToken = default);

    /// <summary>The application the waybill belongs to, or null.</summary>
    Task<string?> FindAsync(string waybill, CancellationToken cancellationToken = default);
}
