using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Supervision;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Catalog;
using OneWindow.Domain.Uploads;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using OneWindow.Hosting.Durable;
using OneWindow.Hosting.Time;
using OneWindow.Functions.Licences;
using OneWindow.Functions.Uploads;
using OneWindow.Orchestrations.Applications;

namespace OneWindow.Functions.Applications;

/// <summary>
/// A submission is several writes without a transaction, so each is create-if-absent under ids derived from the caller
/// and the Idempotency-Key, in an order that makes a repeat finish what a crashed attempt started: application →
/// evidence copies of the uploads (checked) → application → number → applicant list → uploads marked used →
/// orchestration (instance id = application id) → idempotency record.
/// The idempotency record is written last, so once it exists the 202 it holds is true.
/// </summary>
public sealed class ApplicationSubmission(
    IApplicationStore applications,
    ICatalogStore catalog,
    IUploadStore uploads,
    UploadVerification verification,
    LicenceReuse reuse,
    PersonalDataProtector protector,
    ApplicationOptions options,
    TimeProvider time,
    CaseStatistics statistics,
    ILogger<ApplicationSubmission> logger)
{
    public async Task<SubmissionOutcome> SubmitAsync(DurableTaskClient durable, string subject, string idempotencyKey, JsonNode body, CancellationToken cancellationToken)
    {
        var id = ApplicationIds.DeriveId(subject, idempotencyKey);
        var fingerprint = ApplicationIds.Fingerprint(body);
        if (await applications.GetIdempotencyAsync(id, cancellationToken) is { } done) return SubmissionOutcome.Repeat(done, fingerprint);

        var request = SubmissionValidation.Validate(body, out var errors);
        JsonObject? form = null;
        if (body["form"] is JsonObject f) form = f;
        else if (body["form"] is not null) Add(errors, "form", "form must be an object.");
        if (request is null || errors.Count > 0) return new SubmissionOutcome(null, errors, null);

        var owner = ApplicantOwner.HashOf(subject);
        // Uploads and licences (证照复用) are checked apart; upload errors are keyed by the upload's place among all materials.
        var uploadPlaces = request.Materials.Select((m, i) => (m, i)).Where(x => x.m.LicenceNumber is null).Select(x => x.i).ToArray();
        var uploadRefs = uploadPlaces.Select(i => request.Materials[i]).ToArray();

        // The catalog check and the upload look-ups are independent reads: run them together, then merge their errors.
        var uploadErrors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var selecting = SelectMaterialsAsync(request, errors, cancellationToken);
        var finding = verification.FindAsync(uploadRefs, owner, uploadErrors, cancellationToken);
        var selection = await selecting;
        var found = await finding;
        MergeUploadErrors(uploadErrors, uploadPlaces, errors);
        var licences = selection is null ? [] : await reuse.FindAsync(request.Materials, owner, selection.Materials, errors, cancellationToken);
        if (selection is null || found is null || errors.Count > 0) return new SubmissionOutcome(null, errors, null);

        // Only a request that is otherwise valid copies: each upload's bytes fixed in the case's evidence and checked there.
        var fixedUploads = await verification.FixAsync(uploadRefs, found, id, uploadErrors, cancellationToken);
        MergeUploadErrors(uploadErrors, uploadPlaces, errors);
        if (errors.Count > 0) return new SubmissionOutcome(null, errors, null);
        var verified = new List<SubmittedMaterial>();
        var nextUpload = 0;
        for (var i = 0; i < request.Materials.Count; i++)
        {
            verified.Add(licences[i] is { } licence ? await reuse.FixAsync(request.Materials[i].Code, licence, id, cancellationToken) : fixedUploads[nextUpload++]);
        }

        var application = await applications.GetAsync(id, cancellationToken);
        var created = false;
        if (application is null)
        {
            var now = time.GetUtcNow();
            var date = DateOnly.FromDateTime(WorkingDayCalendar.ToLocal(now));
            var sequence = await applications.NextSequenceAsync(options.CountyCode, date, cancellationToken);
            application = new ApplicationRecord
            {
                Id = id,
                Number = new ApplicationNumber(options.CountyCode, date, sequence).ToString(),
                ItemCode = request.ItemCode,
                PackageCode = request.PackageCode,
                CatalogVersion = selection.Version,
                ItemName = selection.Name,
                Status = ApplicationStatusNames.ToWire(ApplicationStatus.Submitted),
                OwnerHash = owner,
                Fingerprint = fingerprint,
                SubmittedAt = now,
                AwaitingDecision = true,
                Applicant = MaskedApplicant.Of(request.Applicant),
                SealedApplicant = protector.Seal(new ApplicantSecret(request.Applicant, form, request.DeliveryAddress), id),
                Answers = request.Answers,
                Materials = verified,
                RequiredMaterials = selection.Required,
                DeliveryMethod = request.DeliveryMethod,
            };
            created = await applications.TryCreateAsync(application, cancellationToken);
            if (!created)
            {
                application = await applications.GetAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Application {id} vanished.");
            }
        }

        if (application.Fingerprint != fingerprint) return SubmissionOutcome.KeyReused;
        // Independent documents: written together; all are durable before the orchestration starts and before the 202.
        await Task.WhenAll(
            [
                applications.AddNumberAsync(application.Number, id, cancellationToken),
                applications.PutApplicantListEntryAsync(owner, application.ListEntry(), cancellationToken),
                .. verified.Where(m => m.LicenceNumber is null).Select(m => m.UploadId).Distinct().Select(upload => uploads.MarkUsedAsync(upload, id, cancellationToken)),

                // Every submission through this route is the applicant's own, online (none is entered at the window yet).
                statistics.CaseSubmittedAsync(application, online: true, cancellationToken),
            ]);

        // A finished instance would be restarted by a new schedule, so on a repeat an existing instance (any status) means
        // started. When this request created the application no instance can exist yet, so the lookup is skipped.
        if (created || await durable.GetInstanceAsync(id, cancellation: cancellationToken) is null)
        {
            try
            {
                await durable.ScheduleNewOrchestrationInstanceAsync(ApplicationOrchestration.Name,
                    new ApplicationCase(id, application.SubmittedAt, options.AcceptanceWindow, DevelopmentClock.OffsetOf(time)), new StartOrchestrationOptions(id), cancellationToken);
            }
            catch (InstanceAlreadyExistsException)
            {
                // A concurrent repeat started it first.
            }
        }

        var answer = new SubmissionAnswer(id, application.Number, ApplicationStatusNames.ToWire(ApplicationStatus.Submitted), $"/api/applications/{id}");
        if (!await applications.TryCreateIdempotencyAsync(new IdempotencyRecord(id, fingerprint, answer), cancellationToken))
        {
            var stored = await applications.GetIdempotencyAsync(id, cancellationToken);
            if (stored is null || stored.Fingerprint != fingerprint) return SubmissionOutcome.KeyReused;
            answer = stored.Answer;
        }

        logger.LogInformation("Application {ApplicationId} submitted as {Number}.", id, application.Number);
        return new SubmissionOutcome(answer, null, null);
    }

    private sealed record Selection(int Version, string Name, IReadOnlyList<string> Required, IReadOnlyDictionary<string, Material> Materials);

    /// <summary>Moves upload errors (keyed by the upload's index among the uploads) to the upload's index among all materials.</summary>
    private static void MergeUploadErrors(Dictionary<string, List<string>> uploadErrors, int[] places, Dictionary<string, List<string>> errors)
    {
        foreach (var (field, messages) in uploadErrors)
        {
            var match = System.Text.RegularExpressions.Regex.Match(field, @"^materials\[(\d+)\]");
            var key = match.Success && int.TryParse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out var j) && j < places.Length
                ? $"materials[{places[j]}]" + field[match.Length..]
                : field;
            foreach (var m in messages) Add(errors, key, m);
        }

        uploadErrors.Clear();
    }

    /// <summary>
    /// The materials the item's (or each package item's) situations require; the submitted ones must be among the
    /// selected materials and include every required one that cannot be deferred (deferrable ones are the clerk's call).
    /// </summary>
    private async Task<Selection?> SelectMaterialsAsync(SubmissionRequest request, Dictionary<string, List<string>> errors, CancellationToken cancellationToken)
    {
        var selected = new List<Material>();
        int version;
        string name;
        if (request.ItemCode is { } code)
        {
            var item = await catalog.GetItemAsync(code, null, cancellationToken);
            if (item is null) { Add(errors, "itemCode", $"There is no item '{code}'."); return null; }
            if (!ServiceItemKinds.IsApplicable(item.Kind))
            {
                Add(errors, "itemCode", $"Item '{code}' is a {item.Kind} item: send it to {(item.Kind == ServiceItemKinds.InformationDisclosure ? "/api/disclosure-requests" : "/api/mailbox")}, not as an application.");
                return null;
            }
            var selection = item.SelectMaterials(request.Answers);
            foreach (var (field, messages) in selection.Errors) foreach (var m in messages) Add(errors, field, m);
            selected.AddRange(selection.Materials);
            (version, name) = (item.Version, item.Name);
        }
        else
        {
            var package = await catalog.GetPackageAsync(request.PackageCode!, null, cancellationToken);
            if (package is null) { Add(errors, "packageCode", $"There is no package '{request.PackageCode}'."); return null; }
            var known = new HashSet<string>(StringComparer.Ordinal);
            foreach (var itemCode in package.Stages.SelectMany(s => s.Items).Distinct())
            {
                var item = await catalog.GetItemAsync(itemCode, null, cancellationToken);
                if (item is null) continue;
                known.UnionWith(item.Questions.Select(q => q.Code));
                var answers = request.Answers.Where(a => item.Questions.Any(q => q.Code == a.Key)).ToDictionary();
                var selection = item.SelectMaterials(answers);
                foreach (var (field, messages) in selection.Errors) foreach (var m in messages) Add(errors, field, m);
                selected.AddRange(selection.Materials);
            }

            foreach (var question in request.Answers.Keys.Where(q => !known.Contains(q))) Add(errors, $"answers.{question}", $"Package {package.Code} has no question '{question}'.");
            (version, name) = (package.Version, package.Name);
        }

        var byCode = selected.GroupBy(m => m.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        for (var i = 0; i < request.Materials.Count; i++)
        {
            if (!byCode.ContainsKey(request.Materials[i].Code)) Add(errors, $"materials[{i}].code", $"'{request.Materials[i].Code}' is not a material of this application for the given answers.");
        }

        var given = request.Materials.Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var missing in byCode.Values.Where(m => m.Required && !m.Deferrable && !given.Contains(m.Code)))
        {
            Add(errors, "materials", $"The required material '{missing.Code}' ({missing.Name}) is missing.");
        }

        return errors.Count > 0 ? null : new Selection(version, name, byCode.Values.Where(m => m.Required).Select(m => m.Code).ToArray(), byCode);
    }

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
    }
}
