using Microsoft.DurableTask.Client;
using OneWindow.Domain.Review;
using OneWindow.Hosting.Durable;
using OneWindow.Hosting.Time;
using OneWindow.Orchestrations.Review;

namespace OneWindow.Functions.Review;

/// <summary>Starts and stops a consultation's own instance (<see cref="ConsultationOrchestration"/>, instance id = consultation id).</summary>
public static class ConsultationTimers
{
    public static async Task StartAsync(DurableTaskClient durable, string consultationId, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(ConsultationOrchestration.Name, new WatchInput(consultationId, DevelopmentClock.OffsetOf(time)),
                new Microsoft.DurableTask.StartOrchestrationOptions(consultationId), cancellationToken);
        }
        catch (InstanceAlreadyExistsException)
        {
            // A repeated start: the instance is there.
        }
    }

    /// <summary>The answer is on the document: the instance closes the consultation's alerts and ends (a consultation from before it had timers has none).</summary>
    public static async Task StopAsync(DurableTaskClient durable, ReviewTask consultation, ClockEvent answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        ArgumentNullException.ThrowIfNull(consultation);
        if (consultation.InstanceId is not { } instance) return;
        try
        {
            await durable.RaiseEventAsync(instance, ReviewEvents.ConsultationAnswer, answer, cancellationToken);
        }
        catch (Exception e) when (e is InstanceNotRunningException or InstanceNotFoundException)
        {
            // Ended already (its asking task closed and a timer saw it): nothing left to stop.
        }
    }
}
