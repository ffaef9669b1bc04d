using Azure;
using Azure.Data.Tables;

namespace OneWindow.Bench;

/// <summary>Waits until a worker owns every partition (DTFx's table partition manager: the hub's Partitions table).</summary>
internal static class Partitions
{
    public static async Task WaitOwnedAsync(string connectionString, string taskHub, string workerId, int count)
    {
        var table = new TableClient(connectionString, taskHub + "Partitions");
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var owned = 0;
            try
            {
                await foreach (var lease in table.QueryAsync<TableEntity>().ConfigureAwait(false))
                {
                    if (lease.GetString("CurrentOwner") == workerId)
                    {
                        owned++;
                    }
                }
            }
            catch (RequestFailedException)
            {
                // The table is created by the partition manager's first loop.
            }

            if (owned >= count)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Worker {workerId} owns {owned} of {count} partitions of {taskHub} after a minute.");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }
}
