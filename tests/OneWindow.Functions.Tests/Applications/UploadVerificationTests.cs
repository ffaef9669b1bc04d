using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Uploads;
using OneWindow.Functions.Applications;
using OneWindow.Functions.Uploads;
using OneWindow.Hosting;
using Xunit;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Tests.Applications;

/// <summary>Upload checks at use and the expiry sweep, against an in-memory upload store and a fake clock.</summary>
public sealed class UploadVerificationTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider time = new(Start);
    private readonly MemoryUploads uploads = new();
    private readonly ApplicationOptions options = new() { UploadRetention = TimeSpan.FromHours(1), UploadMaxBytes = 100 };
    private readonly string owner = ApplicantOwner.HashOf("user-1");

    private UploadReservation Reserve(string id, long size = 10, string sha = "aa", string? ownerHash = null, string[]? usedBy = null) =>
        uploads.Reservations[id] = new UploadReservation
        {
            Id = id, OwnerHash = ownerHash ?? owner, FileName = "f.pdf", ContentType = "application/pdf", Size = size, Sha256 = sha,
            CreatedAt = time.GetUtcNow(), ExpiresAt = time.GetUtcNow() + options.UploadRetention, UsedBy = usedBy ?? [],
        };

    private async Task<(IReadOnlyList<SubmittedMaterial> Verified, Dictionary<string, List<string>> Errors)> VerifyAsync(string uploadId)
    {
        var errors = new Dictionary<string, List<string>>();
        var verified = await new UploadVerification(uploads, options, time).VerifyAsync([new MaterialReference("id-card", uploadId)], owner, "app-2", errors, default);
        return (verified, errors);
    }

    [Fact]
    public async Task A_written_upload_with_the_declared_size_and_hash_is_accepted()
    {
        Reserve("upload-1");
        uploads.Blobs["upload-1"] = new UploadedContent(10, "aa");
        var (verified, errors) = await VerifyAsync("upload-1");
        Assert.Empty(errors);
        Assert.Equal(new SubmittedMaterial("id-card", "upload-1", 10, "aa", false) { ContentType = "application/pdf", Evidence = "app-2/aa" }, Assert.Single(verified));
        Assert.Equal(new UploadedContent(10, "aa"), uploads.Evidence["app-2/aa"]);
    }

    [Fact]
    public async Task The_case_keeps_the_checked_copy_when_the_upload_is_overwritten_and_a_repeat_succeeds()
    {
        Reserve("upload-1");
        uploads.Blobs["upload-1"] = new UploadedContent(10, "aa");
        await VerifyAsync("upload-1");
        uploads.Blobs["upload-1"] = new UploadedContent(64, "html");
        var (verified, errors) = await VerifyAsync("upload-1");
        Assert.Empty(errors);
        Assert.Equal("app-2/aa", Assert.Single(verified).Evidence);
        Assert.Equal(new UploadedContent(10, "aa"), uploads.Evidence["app-2/aa"]);
    }

    [Fact]
    public async Task A_copy_that_fails_the_check_is_not_kept_so_a_corrected_upload_can_be_used()
    {
        Reserve("upload-1");
        uploads.Blobs["upload-1"] = new UploadedContent(10, "bb");
        var (_, errors) = await VerifyAsync("upload-1");
        Assert.True(errors.ContainsKey("materials[0].uploadId"));
        Assert.Empty(uploads.Evidence);
        uploads.Blobs["upload-1"] = new UploadedContent(10, "aa");
        (_, errors) = await VerifyAsync("upload-1");
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("never written")]
    [InlineData("wrong size")]
    [InlineData("wrong hash")]
    [InlineData("too large")]
    [InlineData("another owner")]
    [InlineData("unknown")]
    [InlineData("expired")]
    public async Task A_bad_upload_is_refused_naming_the_material(string problem)
    {
        Reserve("upload-1", ownerHash: problem == "another owner" ? ApplicantOwner.HashOf("user-2") : null);
        uploads.Blobs["upload-1"] = problem switch
        {
            "never written" => null,
            "wrong size" => new UploadedContent(11, "aa"),
            "wrong hash" => new UploadedContent(10, "bb"),
            "too large" => new UploadedContent(101, null),
            _ => new UploadedContent(10, "aa"),
        };
        if (problem == "expired") time.Advance(options.UploadRetention);
        var (verified, errors) = await VerifyAsync(problem == "unknown" ? "upload-2" : "upload-1");
        Assert.Empty(verified);
        Assert.True(errors.ContainsKey("materials[0].uploadId"));
    }

    [Fact]
    public async Task An_upload_used_before_by_its_owner_is_reused_from_that_case_s_copy_even_after_expiry_and_an_overwrite()
    {
        Reserve("upload-1", usedBy: ["app-1"]);
        uploads.Evidence["app-1/aa"] = new UploadedContent(10, "aa");
        uploads.Blobs["upload-1"] = new UploadedContent(64, "html");
        time.Advance(TimeSpan.FromDays(30));
        var (verified, errors) = await VerifyAsync("upload-1");
        Assert.Empty(errors);
        Assert.True(Assert.Single(verified).Reused);
        Assert.Equal(new UploadedContent(10, "aa"), uploads.Evidence["app-2/aa"]);
        Assert.Equal(0, uploads.ContentReads);
    }

    [Fact]
    public async Task The_sweep_deletes_expired_unused_uploads_and_keeps_used_and_fresh_ones()
    {
        Reserve("upload-old");
        Reserve("upload-used", usedBy: ["app-1"]);
        uploads.Blobs["upload-old"] = uploads.Blobs["upload-used"] = new UploadedContent(10, "aa");
        uploads.BlobWritten["upload-old"] = uploads.BlobWritten["upload-used"] = Start;
        uploads.Blobs["upload-orphan"] = new UploadedContent(1, "cc");
        uploads.BlobWritten["upload-orphan"] = Start;
        time.Advance(TimeSpan.FromHours(2));
        Reserve("upload-new");
        uploads.Blobs["upload-new"] = new UploadedContent(10, "aa");
        uploads.BlobWritten["upload-new"] = time.GetUtcNow();

        await new UploadExpirySweep(uploads, options, time, NullLogger<UploadExpirySweep>.Instance).RunAsync(new TimerInfo(), default);

        Assert.Equal(["upload-new", "upload-used"], uploads.Blobs.Keys.Order());
        Assert.Equal(["upload-new", "upload-used"], uploads.Reservations.Keys.Order());
    }

    private sealed class MemoryUploads : IUploadStore
    {
        public Dictionary<string, UploadReservation> Reservations { get; } = [];
        public Dictionary<string, UploadedContent?> Blobs { get; } = [];
        public Dictionary<string, DateTimeOffset> BlobWritten { get; } = [];
        public Dictionary<string, UploadedContent?> Evidence { get; } = [];
        public int ContentReads { get; private set; }

        public Task CreateAsync(UploadReservation reservation, CancellationToken cancellationToken = default) { Reservations.Add(reservation.Id, reservation); return Task.CompletedTask; }
        public Task<UploadReservation?> GetAsync(string uploadId, CancellationToken cancellationToken = default) => Task.FromResult(Reservations.GetValueOrDefault(uploadId));
        public Task MarkUsedAsync(string uploadId, string applicationId, CancellationToken cancellationToken = default) { Reservations[uploadId] = Reservations[uploadId] with { UsedBy = [applicationId] }; return Task.CompletedTask; }
        public Task DeleteAsync(string uploadId, CancellationToken cancellationToken = default) { Reservations.Remove(uploadId); return Task.CompletedTask; }
        public Task<Uri> CreateUploadUrlAsync(string uploadId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) => Task.FromResult(new Uri("http://blob/" + uploadId));
        public Task<UploadedContent?> ReadContentAsync(string uploadId, long maxBytes, CancellationToken cancellationToken = default) { ContentReads++; return Task.FromResult(Blobs.GetValueOrDefault(uploadId)); }
        public Task<Uri> CreateDownloadUrlAsync(SubmittedMaterial material, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) => Task.FromResult(new Uri("http://blob/evidence/" + material.Evidence));

        /// <summary>As the real store: create-only copy (from an earlier case's copy when there is one), then check; a bad copy is removed.</summary>
        public Task<UploadedContent?> FixEvidenceAsync(UploadReservation reservation, string applicationId, long maxBytes, CancellationToken cancellationToken = default)
        {
            var name = UploadRules.EvidenceName(applicationId, reservation.Sha256);
            if (!Evidence.TryGetValue(name, out var copy))
            {
                var earlier = reservation.UsedBy.Where(a => a != applicationId).Select(a => UploadRules.EvidenceName(a, reservation.Sha256)).FirstOrDefault(Evidence.ContainsKey);
                copy = earlier is not null ? Evidence[earlier] : Blobs.GetValueOrDefault(reservation.Id);
                if (copy is null) return Task.FromResult<UploadedContent?>(null);
                Evidence[name] = copy;
            }

            if (copy is null) return Task.FromResult<UploadedContent?>(null);
            if (copy.Size != reservation.Size || copy.Sha256 != reservation.Sha256) Evidence.Remove(name);
            return Task.FromResult<UploadedContent?>(copy);
        }

        public Task DeleteBlobAsync(string uploadId, CancellationToken cancellationToken = default) { Blobs.Remove(uploadId); BlobWritten.Remove(uploadId); return Task.CompletedTask; }

        public async IAsyncEnumerable<string> ListBlobsOlderThanAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            foreach (var (id, written) in BlobWritten.ToArray()) if (written < before) yield return id;
        }
    }
}
