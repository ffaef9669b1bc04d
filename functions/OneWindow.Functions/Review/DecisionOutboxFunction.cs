using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using OneWindow.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Review;

/// <summary>
/// Every 10 s: raises the decisions whose outbox record is still on their task document (the route's host died between
/// the write and the raise, decision 0760). Reads the outbox index (one point read) and each listed task; the event keeps
/// the record's id, so an orchestration that already had it drops the repeat.
/// </summary>
public sealed class DecisionOutboxFunction(TaskActions actions, ILogger<DecisionOutboxFunction> logger)
{
    [Function("ReplayDecisionOutbox")]
    public async Task RunAsync([TimerTrigger("*/10 * * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var replayed = await actions.ReplayOutboxAsync(durable, cancellationToken);
        if (replayed > 0) logger.LogWarning("Decision outbox: raised {Count} decisions whose route did not raise them.", replayed);
    }
}
