using Microsoft.Extensions.Configuration;
using OneWindow.Functions.Review;

namespace OneWindow.Functions.Delivery;

/// <summary>
/// How courier dispatch retries across queue tries: the back-off of department notices under
/// <c>Providers:Courier:Dispatch:*</c> (12 tries, 1 minute doubling to 1 hour: about six hours before the alert).
/// </summary>
public sealed class CourierDispatchSchedule(IConfiguration configuration)
{
    public DepartmentNoticeOptions Options { get; } = DepartmentNoticeOptions.From(configuration, "Providers:Courier:Dispatch");
}
