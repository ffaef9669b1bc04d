using OneWindow.Domain.Applications;
using OneWindow.Domain.Delivery;

namespace OneWindow.Functions.Delivery;

/// <summary>API.md's <c>delivery</c> of a case: <c>{method, status, waybill?, pickupCode? (applicant only), fee?}</c> and the tracking so far.</summary>
internal static class DeliveryViews
{
    /// <summary>The delivery block; <paramref name="pickupCode"/> is given only for the case's own applicant.</summary>
    public static object Of(ApplicationRecord application, string? pickupCode)
    {
        var delivery = application.Delivery;
        var fee = delivery?.Fee;
        return new
        {
            method = application.DeliveryMethod,
            status = delivery?.Status ?? DeliveryStatus.Pending,
            waybill = delivery?.Waybill,
            pickupCode,
            fee = fee is null ? null : new
            {
                amount = fee.Amount,
                currency = fee.Currency,
                paymentNotice = fee.PaymentNotice,
                status = fee.Status,
                paidAt = fee.PaidAt,
                items = fee.Lines.Select(l => new { itemCode = l.ItemCode, name = l.Name, amount = l.Amount, basis = l.Basis, exemption = l.Exemption }),
            },
            documents = delivery?.Documents ?? [],
            tracking = (delivery?.Tracking ?? []).Select(t => new { status = t.Status, at = t.At }),
            deliveredAt = delivery?.DeliveredAt,
        };
    }
}
