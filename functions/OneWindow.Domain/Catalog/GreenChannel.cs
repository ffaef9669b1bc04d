using OneWindow.Domain.Calendar;

namespace OneWindow.Domain.Catalog;

/// <summary>Green-channel (绿色通道) settings: a shorter promised deadline and priority in the queues.</summary>
public sealed record GreenChannel(DeadlinePeriod? Deadline, bool Priority);
