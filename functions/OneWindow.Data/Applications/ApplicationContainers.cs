namespace OneWindow.Data.Applications;

/// <summary>The Cosmos containers of applications (all partitioned by <c>/id</c>; docs/data-model.md).</summary>
public static class ApplicationContainers
{
    public const string PartitionKeyPath = "/id";
    public const string Applications = "applications";
    public const string ApplicantLists = "applicant-lists";
    public const string Counters = "counters";
    public const string SmsDedupe = "sms-dedupe";
    public const string Uploads = "uploads";

    public static readonly IReadOnlyList<string> All = [Applications, ApplicantLists, Counters, SmsDedupe, Uploads];
}
