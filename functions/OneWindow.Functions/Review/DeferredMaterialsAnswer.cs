using Microsoft.DurableTask.Client;
using OneWindow.Domain.Applications;
using OneWindow.Hosting.Durable;
using OneWindow.Orchestrations.Applications;
using OneWindow.Orchestrations.Review;

namespace OneWindow.Functions.Review;

/// <summary>
/// Tells a case's deferred-materials watch (<see cref="DeferredMaterialsOrchestration"/>) that the applicant answered the
/// <c>deferred-materials</c> notice. The answer is already on the application document: a watch that has not started yet
/// reads it there when it starts, so an instance not there yet is not an error.
/// </summary>
public static class DeferredMaterialsAnswer
{
    /// <summary>False when the watch has already ended (the supply deadline passed, or the case ended otherwise).</summary>
    public static async Task<bool> RaiseAsync(DurableTaskClient durable, string applicationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        try
        {
            await durable.RaiseEventAsync(DeferredMaterialsOrchestration.InstanceIdOf(applicationId), ApplicationEvents.CorrectionSubmitted,
                new CorrectionSubmitted(CorrectionRequest.DeferredId), cancellationToken);
        }
        catch (Exception e) when (e is InstanceNotFoundException or InstanceNotStartedException)
        {
            // Not started yet: OpenDeferredMaterials finds the notice answered and the watch ends at once.
        }
        catch (InstanceNotRunningException)
        {
            return false;
        }

        return true;
    }
}
