namespace OneWindow.Domain.Applications;

/// <summary>
/// What a case is: a licensing application, a request for government information (依申请公开) or a letter to the
/// government mailbox (咨询、投诉、建议). All three are <see cref="ApplicationRecord"/>s on the same engine, calendar,
/// tasks, worklists, alerts, statistics and SMS; the kind says which orchestration runs them and which statuses they use.
/// </summary>
public static class CaseKinds
{
    public const string Licensing = "licensing";
    public const string Disclosure = "disclosure";
    public const string Mailbox = "mailbox";
}
