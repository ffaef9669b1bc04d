namespace OneWindow.Functions.Tests.Review;

/// <summary>
/// A platform of its own for the decision outbox and worklist tests: the host writes the webhook department's decisions and
/// stops before raising them (the Development-only fault <c>Review:Faults:SkipDecisionRaiseDepartment</c>: its host "died"
/// right after the write), and the replay timer raises records from 5 s old. One test moves the development clock.
/// </summary>
public sealed class DecisionOutboxFixture : ReviewPlatformFixture
{
    public static readonly TimeSpan MinAge = TimeSpan.FromSeconds(5);

    protected override Dictionary<string, string?> HostEnvironment
    {
        get
        {
            var environment = base.HostEnvironment;
            environment["Review__Faults__SkipDecisionRaiseDepartment"] = WebhookDepartment;
            environment["Review__Outbox__MinAge"] = MinAge.ToString();
            return environment;
        }
    }
}
