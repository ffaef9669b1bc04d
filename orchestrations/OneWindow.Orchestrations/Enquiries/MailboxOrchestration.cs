using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using OneWindow.Domain.Mailbox;
using OneWindow.Domain.Review;
using OneWindow.Hosting.Time;
using OneWindow.Orchestrations.Review;

namespace OneWindow.Orchestrations.Enquiries;

/// <summary>
/// One letter to the government mailbox (咨询、投诉、建议; instance id = case id). The office's intake task hands it to a
/// department within the item's hand-off deadline (one working day); the department's handling task answers it within the
/// item's deadline counted from receipt; the reply goes to the writer by SMS (not to an anonymous writer, who reads it in
/// their list), an answered suggestion joins the public list; the writer rates the reply 1–5 within the rating period. A
/// complaint rated 1–2 reopens once, as a handling task only the department's chief may answer, counted from the rating.
/// Deterministic: times from the case, activity results and <see cref="BusinessClock"/>.
/// </summary>
public sealed class MailboxOrchestration
{
    public const string Name = "MailboxOrchestration";

    [Function(Name)]
    public async Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, EnquiryCase input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var id = input.ApplicationId;
        var clock = new BusinessClock(context, input.ClockOffset);
        var events = new EventWaits(context);
        var plan = await context.CallActivityAsync<EnquiryPlan>(EnquiryActivities.PlanEnquiry, id, ActivityRetry.Options);
        context.SetCustomStatus(MailboxStatus.Received);
        var intakeId = $"{id}-intake-1";
        var intake = await EnquiryTask.RunAsync(context, new EnquiryStage(id, "intake-1", "受理分办", plan.Office),
            new ReviewInput(id, intakeId, ReviewTask.Intake, "intake-1", plan.ItemCode, plan.Office, input.SubmittedAt, clock.Offset, [TaskDecisions.HandOver]));
        if (intake.Status != ReviewTaskStatus.HandedOver)
            throw new InvalidOperationException($"Intake {intakeId} ended {intake.Status}; a letter's intake only hands it over.");
        var department = await context.CallActivityAsync<string>(EnquiryActivities.HandOver, new EnquiryStep(id, intakeId), ActivityRetry.Options);

        var startedAt = input.SubmittedAt;
        for (var round = 1; ; round++)
        {
            context.SetCustomStatus(round == 1 ? MailboxStatus.InProgress : MailboxStatus.Reopened);
            var taskId = $"{id}-handling-{round}";
            var stage = $"handling-{round}";
            var handling = await EnquiryTask.RunAsync(context, new EnquiryStage(id, stage, round == 1 ? "办理答复" : "重新办理（部门负责人）", department),
                new ReviewInput(id, taskId, ReviewTask.Handling, stage, plan.ItemCode, department, startedAt, clock.Offset, [TaskDecisions.Reply], ChiefOnly: round > 1));
            if (handling.Status != ReviewTaskStatus.Answered)
                throw new InvalidOperationException($"Handling {taskId} ended {handling.Status}; a handling task ends with a reply.");

            var ratingClosesAt = await context.CallActivityAsync<DateTimeOffset>(EnquiryActivities.RecordReply, new EnquiryStep(id, taskId, round), ActivityRetry.Options);
            context.SetCustomStatus(MailboxStatus.Replied);
            var score = await AwaitRatingAsync(context, id, round, ratingClosesAt, clock, events);
            if (score is <= MailboxLetter.ReopenAtMost && plan.LetterType == MailboxLetterTypes.Complaint && round == 1)
            {
                startedAt = await context.CallActivityAsync<DateTimeOffset>(EnquiryActivities.ReopenLetter, new EnquiryStep(id, taskId, round + 1), ActivityRetry.Options);
                continue;
            }

            await context.CallActivityAsync(EnquiryActivities.CloseLetter, new EnquiryStep(id, taskId, round), ActivityRetry.Options);
            context.SetCustomStatus(MailboxStatus.Closed);
            return MailboxStatus.Closed;
        }
    }

    /// <summary>The score of the round's reply, or null when the rating period ended without one.</summary>
    private static async Task<int?> AwaitRatingAsync(TaskOrchestrationContext context, string id, int round, DateTimeOffset closesAt, BusinessClock clock, EventWaits events)
    {
        // A repeat of an earlier round's rating is not this one.
        var (arrived, rated) = await EnquiryWaits.EventOrDeadlineAsync<LetterRated>(events, clock, EnquiryEvents.LetterRated, closesAt, r => r.Round == round);
        if (arrived) return rated!.Score;

        // A rating written just before the period ended wins: its score comes back, and its event is not needed.
        return await context.CallActivityAsync<int?>(EnquiryActivities.ExpireRating, new EnquiryStep(id, null, round), ActivityRetry.Options);
    }
}
