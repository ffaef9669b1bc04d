using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using OneWindow.Hosting.Durable;
using OneWindow.Orchestrations.Delivery;

using IssuanceContract = OneWindow.Orchestrations.Delivery.LicenceIssuance;

namespace OneWindow.Functions.Licences;

/// <summary>
/// Issues the licences of an approved case from <see cref="IssuanceContract.QueueName"/> (written by the application
/// orchestration), then raises <see cref="IssuanceContract.EventName"/> on the case's instance. Idempotent: a retried or
/// repeated message finds the licences issued and raises the same numbers again (the orchestration takes the first).
/// </summary>
public sealed class LicenceIssuanceFunction(LicenceIssuance issuance, ILogger<LicenceIssuanceFunction> logger)
{
    [Function("IssueLicences")]
    public async Task RunAsync([QueueTrigger(IssuanceContract.QueueName)] LicenceIssuanceRequest request, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.ApplicationId))
        {
            logger.LogWarning("Licence issuance message without an applicationId dropped.");
            return;
        }

        var numbers = await issuance.IssueForApplicationAsync(request.ApplicationId, cancellationToken);
        if (numbers is null) return;

        var instance = await durable.GetInstanceAsync(request.ApplicationId, cancellationToken);
        if (instance is null || instance.IsCompleted)
        {
            logger.LogInformation("Licences of {ApplicationId} issued ({Count}); its orchestration is {Status}, so no {Event} is raised.",
                request.ApplicationId, numbers.Count, instance?.RuntimeStatus.ToString() ?? "absent", IssuanceContract.EventName);
            return;
        }

        try
        {
            await durable.RaiseEventAsync(request.ApplicationId, IssuanceContract.EventName, new LicencesIssued(numbers), cancellationToken);
            logger.LogInformation("Licences of {ApplicationId} issued ({Count}); {Event} raised.", request.ApplicationId, numbers.Count, IssuanceContract.EventName);
        }
        catch (InstanceNotRunningException e)
        {
            logger.LogInformation("Licences of {ApplicationId} issued; its orchestration ended meanwhile ({Status}), no {Event} raised.", request.ApplicationId, e.Status, IssuanceContract.EventName);
        }
    }
}
