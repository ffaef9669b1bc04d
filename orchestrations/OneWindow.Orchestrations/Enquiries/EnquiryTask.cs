using Microsoft.DurableTask;
using OneWindow.Orchestrations.Review;

namespace OneWindow.Orchestrations.Enquiries;

/// <summary>
/// One task of a disclosure request or mailbox letter: its stage put on the case, then the same department-review
/// sub-orchestration licensing tasks run (instance id = task id): task document, worklist row, push to the department's
/// system, warning, promised and legal deadline timers, escalation, suspension, extension and the decision outbox.
/// </summary>
public static class EnquiryTask
{
    /// <summary>Runs the task; returns how it ended (its status: <c>handed-over</c>, <c>clarification-requested</c>, <c>answered</c> or <c>cancelled</c>).</summary>
    public static async Task<ReviewOutcome> RunAsync(TaskOrchestrationContext context, EnquiryStage stage, ReviewInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await context.CallActivityAsync(EnquiryActivities.OpenEnquiryStage, stage, ActivityRetry.Options);
        return await context.CallSubOrchestratorAsync<ReviewOutcome>(DepartmentReviewOrchestration.Name, input, new SubOrchestrationOptions(instanceId: input.TaskId));
    }
}
