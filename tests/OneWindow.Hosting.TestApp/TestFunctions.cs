using Azure.Data.Tables;
using OneWindow.Hosting.Queues;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Hosting.TestApp;

/// <summary>Functions the host tests drive: a queue function that throws when told, and a timer that records occurrences.</summary>
/// <param name="tables">The table service of the test's storage account.</param>
/// <param name="time">The clock.</param>
public sealed class TestFunctions(TableServiceClient tables, TimeProvider time)
{
    /// <summary>Records each try in the table; throws while the message asks for failure.</summary>
    [Function("Work")]
    public async Task WorkAsync([QueueTrigger("%TestApp:Queue%")] WorkMessage message, long dequeueCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var table = tables.GetTableClient(Environment.GetEnvironmentVariable("TestApp__Table") ?? "testapp");
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(new TableEntity("work-" + message.Id, dequeueCount.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (message.Fail)
        {
            throw new InvalidOperationException("asked to fail");
        }
    }

    /// <summary>Adds a row per occurrence; a second row for the same occurrence is a duplicate the test detects (insert conflicts).</summary>
    [Function("Tick")]
    public async Task TickAsync([TimerTrigger("%TestApp:Schedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var table = tables.GetTableClient(Environment.GetEnvironmentVariable("TestApp__Table") ?? "testapp");
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var occurrence = timer.ScheduleStatus?.Last ?? time.GetUtcNow().UtcDateTime;
        var row = new TableEntity("tick", Guid.NewGuid().ToString("N"))
        {
            ["Occurrence"] = new DateTimeOffset(DateTime.SpecifyKind(occurrence, DateTimeKind.Utc)),
            ["PastDue"] = timer.IsPastDue,
            ["Pid"] = Environment.ProcessId,
        };
        await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
    }
}
