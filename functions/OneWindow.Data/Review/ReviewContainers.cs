namespace OneWindow.Data.Review;

/// <summary>The Cosmos containers of the review feature (all partitioned by <c>/id</c>; docs/data-model.md).</summary>
public static class ReviewContainers
{
    public const string PartitionKeyPath = "/id";
    public const string Tasks = "tasks";
    public const string Worklists = "worklists";
    public const string Alerts = "alerts";
    public const string WebhookDeliveries = "webhook-deliveries";

    public static readonly IReadOnlyList<string> All = [Tasks, Worklists, Alerts, WebhookDeliveries];
}
