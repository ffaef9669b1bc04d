using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OneWindow.Hosting.Time;

/// <summary>Keeps this host's <see cref="DevelopmentClock"/> at the stored offset (read at start, then every second).</summary>
internal sealed class DevelopmentClockSync(DevelopmentClock clock, DevelopmentClockStore store, ILogger<DevelopmentClockSync> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        clock.MoveTo(await store.ReadAsync(cancellationToken).ConfigureAwait(false));
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                clock.MoveTo(await store.ReadAsync(stoppingToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not read the development clock's offset; keeping {Offset}.", clock.Offset);
            }
        }
    }
}
