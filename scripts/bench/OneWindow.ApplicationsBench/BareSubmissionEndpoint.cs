using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using OneWindow.Data.Applications;
using OneWindow.Data.Uploads;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Uploads;

namespace OneWindow.ApplicationsBench;

/// <summary>
/// The yardstick for submission throughput: an HTTP endpoint doing only the Cosmos and Blob work of a submission
/// (idempotency read, reservation read, blob size and hash, counter, application, number, list row, upload mark,
/// idempotency record) with the same stores, and none of the platform's validation, catalog, auth or orchestration.
/// </summary>
public sealed class BareSubmissionEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;

    private BareSubmissionEndpoint(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<BareSubmissionEndpoint> StartAsync(CosmosClient cosmos, string database, string storageConnection, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var url = new Uri($"http://127.0.0.1:{port}/");
        builder.WebHost.UseUrls(url.ToString());
        var app = builder.Build();
        IApplicationStore applications = new CosmosApplicationStore(
            cosmos.GetContainer(database, ApplicationContainers.Applications),
            cosmos.GetContainer(database, ApplicationContainers.ApplicantLists),
            cosmos.GetContainer(database, ApplicationContainers.Counters));
        IUploadStore uploads = new CosmosBlobUploadStore(
            cosmos.GetContainer(database, ApplicationContainers.Uploads),
            new BlobServiceClient(storageConnection).GetBlobContainerClient("uploads"),
            new BlobServiceClient(storageConnection).GetBlobContainerClient("evidence"));
        var protector = new PersonalDataProtector(new byte[32]);
        app.MapPost("/bare/submissions", async (HttpRequest request, CancellationToken ct) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body, cancellationToken: ct))!;
            var subject = (string)body["subject"]!;
            var key = (string)body["key"]!;
            var uploadId = (string)body["uploadId"]!;
            var id = ApplicationIds.DeriveId(subject, key);
            var owner = ApplicantOwner.HashOf(subject);
            if (await applications.GetIdempotencyAsync(id, ct) is { } done) return Results.Json(done.Answer, statusCode: 202);
            var reservation = await uploads.GetAsync(uploadId, ct);
            var content = await uploads.ReadContentAsync(uploadId, 20L * 1024 * 1024, ct);
            if (reservation is null || content?.Sha256 != reservation.Sha256) return Results.BadRequest();
            var now = DateTimeOffset.UtcNow;
            var application = await applications.GetAsync(id, ct) ?? new ApplicationRecord
            {
                Id = id,
                Number = new ApplicationNumber("341881", DateOnly.FromDateTime(now.UtcDateTime), await applications.NextSequenceAsync("341881", DateOnly.FromDateTime(now.UtcDateTime), ct)).ToString(),
                ItemCode = ApplicantClient.Item,
                ItemName = "bare",
                Status = "submitted",
                OwnerHash = owner,
                Fingerprint = ApplicationIds.Fingerprint(body),
                SubmittedAt = now,
                Applicant = new MaskedApplicant("person", "*", "*", "*"),
                SealedApplicant = protector.Seal(body, id),
                Materials = [new SubmittedMaterial("id-card", uploadId, content.Size, content.Sha256!, false)],
                DeliveryMethod = "pickup",
            };
            await applications.TryCreateAsync(application, ct);
            await applications.AddNumberAsync(application.Number, id, ct);
            await applications.PutApplicantListEntryAsync(owner, new ApplicantListEntry(id, application.Number, application.ItemCode, null, application.ItemName, application.Status, now), ct);
            await uploads.MarkUsedAsync(uploadId, id, ct);
            var answer = new SubmissionAnswer(id, application.Number, "submitted", "/bare/" + id);
            await applications.TryCreateIdempotencyAsync(new IdempotencyRecord(id, application.Fingerprint, answer), ct);
            return Results.Json(answer, statusCode: 202);
        });
        await app.StartAsync();
        return new BareSubmissionEndpoint(app, url);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
