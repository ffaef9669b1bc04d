using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using OneWindow.Domain.Disclosure;
using OneWindow.Domain.Review;
using OneWindow.Hosting.Time;
using OneWindow.Orchestrations.Delivery;
using OneWindow.Orchestrations.Review;

namespace OneWindow.Orchestrations.Enquiries;

/// <summary>
/// One request for government information (依申请公开; instance id = case id). The office's intake task accepts it and
/// routes it to the department that holds the information, or asks once for a clarification: the request then waits for
/// it until the clarification deadline (the request counts as withdrawn after it), and the statutory clock starts again
/// when it arrives (a second intake can only route). The holding department's handling task runs on the item's deadlines
/// counted from receipt (20 working days, extendable once by 20 through the chief's extension) and ends with one of the
/// regulation's answers; a disclosed file on paper goes by courier (delivered when signed for), an electronic one is
/// downloaded. Deterministic: times from the case, activity results and <see cref="BusinessClock"/>.
/// </summary>
public sealed class DisclosureOrchestration
{
    public const string Name = "DisclosureOrchestration";

    [Function(Name)]
    public async Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, EnquiryCase input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var id = input.ApplicationId;
        var clock = new BusinessClock(context, input.ClockOffset);
        var events = new EventWaits(context);
        var plan = await context.CallActivityAsync<EnquiryPlan>(EnquiryActivities.PlanEnquiry, id, ActivityRetry.Options);
        var receivedAt = input.SubmittedAt;
        string? department = null;
        for (var round = 1; department is null; round++)
        {
            context.SetCustomStatus(DisclosureStatus.Received);
            var taskId = $"{id}-intake-{round}";
            string[] decisions = round == 1 ? [TaskDecisions.HandOver, TaskDecisions.Clarify] : [TaskDecisions.HandOver];
            var intake = await EnquiryTask.RunAsync(context, new EnquiryStage(id, $"intake-{round}", "受理", plan.Office),
                new ReviewInput(id, taskId, ReviewTask.Intake, $"intake-{round}", plan.ItemCode, plan.Office, receivedAt, clock.Offset, decisions));
            if (intake.Status == ReviewTaskStatus.HandedOver)
            {
                department = await context.CallActivityAsync<string>(EnquiryActivities.HandOver, new EnquiryStep(id, taskId), ActivityRetry.Options);
                break;
            }

            if (intake.Status != ReviewTaskStatus.ClarificationRequested)
                throw new InvalidOperationException($"Intake {taskId} ended {intake.Status}; an intake is only handed over or asks to clarify.");

            var due = await context.CallActivityAsync<DateTimeOffset>(EnquiryActivities.RequestClarification, new EnquiryStep(id, taskId), ActivityRetry.Options);
            context.SetCustomStatus(DisclosureStatus.ClarificationRequired);
            var clarified = await AwaitClarificationAsync(context, id, due, clock, events);
            if (clarified is null)
            {
                context.SetCustomStatus(DisclosureStatus.Withdrawn);
                return DisclosureStatus.Withdrawn;
            }

            receivedAt = clarified.At;
        }

        context.SetCustomStatus(DisclosureStatus.InProgress);
        var handlingId = $"{id}-handling";
        var handling = await EnquiryTask.RunAsync(context, new EnquiryStage(id, "handling", "办理答复", department),
            new ReviewInput(id, handlingId, ReviewTask.Handling, "handling", plan.ItemCode, department, receivedAt, clock.Offset, DisclosureAnswerTypes.All));
        if (handling.Status != ReviewTaskStatus.Answered)
            throw new InvalidOperationException($"Handling {handlingId} ended {handling.Status}; a handling task ends with an answer.");

        var byCourier = await context.CallActivityAsync<bool>(EnquiryActivities.RecordDisclosureAnswer, new EnquiryStep(id, handlingId), ActivityRetry.Options);
        context.SetCustomStatus(DisclosureStatus.Answered);
        if (!byCourier) return DisclosureStatus.Answered;

        // Paper: the file goes the way licences go, and the case is delivered when the parcel is signed for.
        await context.CallActivityAsync(DeliveryActivities.DispatchShipment, id, ActivityRetry.Options);
        var signed = await events.TakeAsync<DeliveryConfirmation>(DeliveryEvents.ParcelSigned);
        await context.CallActivityAsync(DeliveryActivities.CompleteDelivery, new DeliveryCompletion(id, signed.At, signed.Actor), ActivityRetry.Options);
        context.SetCustomStatus(DisclosureStatus.Delivered);
        return DisclosureStatus.Delivered;
    }

    /// <summary>The clarification, or null when its deadline passed first (the request is then withdrawn).</summary>
    private static async Task<ClarificationReceived?> AwaitClarificationAsync(TaskOrchestrationContext context, string id, DateTimeOffset due, BusinessClock clock, EventWaits events)
    {
        var (arrived, clarification) = await EnquiryWaits.EventOrDeadlineAsync<ClarificationReceived>(events, clock, EnquiryEvents.ClarificationReceived, due);
        if (arrived) return clarification;

        // The route may have written a clarification just before the deadline: then its event is on its way.
        if (await context.CallActivityAsync<bool>(EnquiryActivities.WithdrawDisclosure, new EnquiryStep(id), ActivityRetry.Options)) return null;
        return await events.TakeAsync<ClarificationReceived>(EnquiryEvents.ClarificationReceived);
    }
}
