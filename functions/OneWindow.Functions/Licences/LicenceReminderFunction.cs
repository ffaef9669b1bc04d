using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Licences;
using OneWindow.Hosting.Queues;

namespace OneWindow.Functions.Licences;

/// <summary>
/// Sends expiry reminders by SMS <see cref="LicenceOptions.ReminderDays"/> days before a licence's validity ends, once
/// per licence and reminder: the sent reminders are recorded on the licence, and the SMS path itself sends each event
/// key once, so a run that dies between the two does not send twice. Reads the monthly expiry index (point reads).
/// </summary>
public sealed class LicenceReminderFunction(ILicenceStore licences, IQueueMessageSender queue, LicenceOptions options, TimeProvider time, ILogger<LicenceReminderFunction> logger)
{
    [Function("SendLicenceExpiryReminders")]
    public async Task RunAsync([TimerTrigger("%Licences:ReminderSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sent = 0;
        foreach (var month in Months(LicenceTime.DateOf(now), LicenceTime.DateOf(now.AddDays(options.ReminderDays.Max()))))
        {
            foreach (var number in await licences.GetExpiringInMonthAsync(month, cancellationToken))
            {
                if (await RemindAsync(number, now, cancellationToken)) sent++;
            }
        }

        logger.LogInformation("Licence expiry reminders: {Count} sent.", sent);
    }

    private async Task<bool> RemindAsync(string number, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (licence, _) = await licences.GetAsync(number, cancellationToken);
        if (licence is not { Status: LicenceStatus.Valid, ValidUntil: { } until } || now > until) return false;
        var due = options.ReminderDays.Where(d => until.AddDays(-d) <= now).ToArray();
        var keys = due.Select(d => d.ToString(CultureInfo.InvariantCulture)).Except(licence.RemindersSent).ToArray();
        if (keys.Length == 0) return false;

        // A late run that finds several reminders due sends only the nearest one, and records them all.
        var days = due.Min();
        await queue.SendAsync(ApplicationQueues.SmsOutbox, new SmsNotice(licence.ApplicationId, LicenceReminder.EventOf(days, number)), cancellationToken: cancellationToken);
        await licences.UpdateAsync(number, l => keys.All(l.RemindersSent.Contains) ? null : l with
        {
            RemindersSent = [.. l.RemindersSent.Union(keys)],
            Operations = [.. l.Operations, new LicenceOperation(now, "reminded", "system:licence-reminders", string.Create(CultureInfo.InvariantCulture, $"{days} days"))],
        }, cancellationToken);
        return true;
    }

    private static IEnumerable<DateOnly> Months(DateOnly from, DateOnly to)
    {
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1)) yield return month;
    }
}
