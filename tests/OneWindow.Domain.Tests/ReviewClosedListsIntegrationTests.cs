using Microsoft.Azure.Cosmos;
using OneWindow.Data.Review;
using OneWindow.Domain.Review;
using OneWindow.Testing;
using Xunit;

namespace OneWindow.Domain.Tests;

/// <summary>
/// Against the real Cosmos server: the lists of decided tasks (sealed pages of 3 here), the worklist continuation token,
/// and the sweep of expired webhook delivery records.
/// </summary>
public sealed class ReviewClosedListsIntegrationTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    private static async Task<Container> NewContainerAsync(string name)
    {
        var stack = await LocalStack.SharedAsync();
        var database = (await stack.Cosmos.CreateClient().CreateDatabaseIfNotExistsAsync(LocalStack.UniqueName("review"))).Database;
        return (await database.CreateContainerIfNotExistsAsync(name, ReviewContainers.PartitionKeyPath)).Container;
    }

    private static WorklistEntry Entry(int n, string status = ReviewTaskStatus.InReview, DateTimeOffset? decidedAt = null) =>
        new($"app-{n}-s1-item", $"app-{n}", "341881-20261130-0001", "item", ReviewTask.Review, status, null, T.AddDays(1), false, decidedAt);

    [Fact]
    public async Task Closed_tasks_leave_the_open_list_once_and_page_newest_first_across_sealed_pages()
    {
        var store = new CosmosWorklistStore(await NewContainerAsync(ReviewContainers.Worklists), pageSize: 3);
        for (var n = 1; n <= 8; n++) await store.PutAsync("health", Entry(n));
        for (var n = 1; n <= 7; n++)
        {
            var closed = Entry(n, ReviewTaskStatus.Approved, T.AddMinutes(n));
            await store.CloseAsync("health", closed);
            await store.CloseAsync("health", closed); // a repeated activity adds no second row
        }

        await store.CloseAsync("health", Entry(8, ReviewTaskStatus.Rejected, T.AddMinutes(8)));
        Assert.Empty(await store.GetAsync("health"));

        var seen = new List<string>();
        long? before = null;
        do
        {
            var (entries, next) = await store.GetClosedAsync("health", ReviewTaskStatus.Approved, before, 2);
            Assert.InRange(entries.Count, 1, 2);
            seen.AddRange(entries.Select(e => e.TaskId));
            before = next;
        }
        while (before is not null);

        Assert.Equal(Enumerable.Range(1, 7).Reverse().Select(n => $"app-{n}-s1-item"), seen);
        var (rejected, end) = await store.GetClosedAsync("health", ReviewTaskStatus.Rejected, null, 10);
        Assert.Equal("app-8-s1-item", Assert.Single(rejected).TaskId);
        Assert.Null(end);
        Assert.Empty((await store.GetClosedAsync("fire-rescue", ReviewTaskStatus.Approved, null, 10)).Entries);
    }

    [Theory]
    [InlineData("approved", 42L)]
    [InlineData("open", 1L)]
    public void A_token_reads_back_for_its_own_status_only(string status, long position)
    {
        var token = WorklistCursor.Encode(status, position);
        Assert.True(WorklistCursor.TryDecode(token, status, out var decoded));
        Assert.Equal(position, decoded);
        Assert.False(WorklistCursor.TryDecode(token, "rejected", out _));
        Assert.False(WorklistCursor.TryDecode("not a token", status, out _));
        Assert.False(WorklistCursor.TryDecode(WorklistCursor.Encode(status, 0), status, out _));
    }

    [Fact]
    public async Task Expired_delivery_ids_and_signatures_are_swept_and_live_ones_kept()
    {
        var store = new CosmosWebhookDeliveryStore(await NewContainerAsync(ReviewContainers.WebhookDeliveries));
        Assert.True(await store.TryRememberAsync("health", "old", T, T.AddDays(2)));
        Assert.True(await store.TryRememberSignatureAsync("health", new byte[] { 1, 2, 3 }, T, T.AddMinutes(11)));
        Assert.True(await store.TryRememberAsync("health", "young", T.AddDays(2), T.AddDays(4)));

        Assert.Equal(0, await store.SweepExpiredAsync(T.AddMinutes(5)));
        Assert.Equal(1, await store.SweepExpiredAsync(T.AddHours(1)));   // the signature's hour has passed
        Assert.Equal(0, await store.SweepExpiredAsync(T.AddHours(1)));
        Assert.Equal(1, await store.SweepExpiredAsync(T.AddDays(3)));
        Assert.False(await store.SeenAsync("health", "old", T.AddHours(1)));
        Assert.True(await store.SeenAsync("health", "young", T.AddDays(3)));

        // Used again after it expired, an id is remembered anew and its new record outlives the old bucket.
        Assert.True(await store.TryRememberAsync("health", "young", T.AddDays(5), T.AddDays(7)));
        Assert.Equal(0, await store.SweepExpiredAsync(T.AddDays(5)));
        Assert.True(await store.SeenAsync("health", "young", T.AddDays(6)));
        Assert.Equal(1, await store.SweepExpiredAsync(T.AddDays(8)));
    }
}
