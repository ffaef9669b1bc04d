using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Catalog;
using OneWindow.Domain.Disclosure;
using OneWindow.Domain.Mailbox;
using OneWindow.Domain.Supervision;
using OneWindow.Functions.Applications;
using OneWindow.Hosting.Durable;
using OneWindow.Hosting.Time;
using OneWindow.Orchestrations.Enquiries;

namespace OneWindow.Functions.Enquiries;

/// <summary>
/// Submits a disclosure request or a mailbox letter as a case, the way <see cref="ApplicationSubmission"/> submits an
/// application: create-if-absent writes under an id derived from the caller and the Idempotency-Key (the key's kind is
/// part of it, so the same key on another route is another case), in the order case → number → applicant list →
/// orchestration → idempotency record, so a repeat finishes what a crashed attempt started and gets the same 202.
/// </summary>
public sealed class EnquirySubmission(
    IApplicationStore applications,
    ICatalogStore catalog,
    PersonalDataProtector protector,
    ApplicationOptions options,
    EnquiryOptions enquiryOptions,
    TimeProvider time,
    CaseStatistics statistics,
    ILogger<EnquirySubmission> logger)
{
    public async Task<SubmissionOutcome> SubmitDisclosureAsync(DurableTaskClient durable, string subject, string idempotencyKey, JsonNode body, CancellationToken cancellationToken)
    {
        var id = ApplicationIds.DeriveId(subject, CaseKinds.Disclosure + "\n" + idempotencyKey);
        var fingerprint = ApplicationIds.Fingerprint(body);
        if (await RepeatAsync(id, fingerprint, cancellationToken) is { } repeat) return repeat;
        var request = DisclosureValidation.Validate(body, out var errors);
        if (request is null) return new SubmissionOutcome(null, errors, null);
        var code = request.ItemCode ?? enquiryOptions.DisclosureItem;
        var item = await ItemAsync(code, ServiceItemKinds.InformationDisclosure, "itemCode", errors, cancellationToken);
        if (item is null) return new SubmissionOutcome(null, errors, null);

        return await CreateAsync(durable, id, fingerprint, DisclosureOrchestration.Name, now => Draft(id, CaseKinds.Disclosure, DisclosureStatus.Received, item, subject, fingerprint, now) with
        {
            Applicant = MaskedApplicant.Of(request.Applicant),
            SealedApplicant = protector.Seal(new ApplicantSecret(request.Applicant, null, request.Address), id),
            DeliveryMethod = request.Form == DisclosureForms.Paper ? "courier" : "download",
            Disclosure = new DisclosureRequest { Description = request.Description, Purpose = request.Purpose, Form = request.Form, ReceivedAt = now },
        }, cancellationToken);
    }

    public async Task<SubmissionOutcome> SubmitLetterAsync(DurableTaskClient durable, string subject, string idempotencyKey, JsonNode body, CancellationToken cancellationToken)
    {
        var id = ApplicationIds.DeriveId(subject, CaseKinds.Mailbox + "\n" + idempotencyKey);
        var fingerprint = ApplicationIds.Fingerprint(body);
        if (await RepeatAsync(id, fingerprint, cancellationToken) is { } repeat) return repeat;
        var letter = MailboxValidation.Validate(body, out var errors);
        if (letter is null) return new SubmissionOutcome(null, errors, null);
        var item = await ItemAsync(enquiryOptions.MailboxItemPrefix + letter.Type, ServiceItemKinds.OfLetter(letter.Type), "type", errors, cancellationToken);
        if (item is null) return new SubmissionOutcome(null, errors, null);

        return await CreateAsync(durable, id, fingerprint, MailboxOrchestration.Name, now => Draft(id, CaseKinds.Mailbox, MailboxStatus.Received, item, subject, fingerprint, now) with
        {

            // An anonymous letter stores no personal data at all: nothing to seal, and a display copy that says so.
            Applicant = letter.Applicant is { } applicant ? MaskedApplicant.Of(applicant) : MaskedApplicant.Anonymous,
            SealedApplicant = letter.Applicant is { } signed ? protector.Seal(new ApplicantSecret(signed, null, null), id) : "",
            DeliveryMethod = "sms",
            Letter = new MailboxLetter { Type = letter.Type, Subject = letter.Subject, Content = letter.Content, Anonymous = letter.Anonymous },
        }, cancellationToken);
    }

    /// <summary>What every case of <paramref name="kind"/> starts with; the number is given when it is created, the rest by its kind.</summary>
    private static ApplicationRecord Draft(string id, string kind, string status, ServiceItem item, string subject, string fingerprint, DateTimeOffset now) => new()
    {
        Id = id,
        Number = "",
        Kind = kind,
        ItemCode = item.Code,
        CatalogVersion = item.Version,
        ItemName = item.Name,
        Status = status,
        OwnerHash = ApplicantOwner.HashOf(subject),
        Fingerprint = fingerprint,
        SubmittedAt = now,
        Applicant = MaskedApplicant.Anonymous,
        SealedApplicant = "",
        DeliveryMethod = "",
    };

    private async Task<SubmissionOutcome?> RepeatAsync(string id, string fingerprint, CancellationToken cancellationToken) =>
        await applications.GetIdempotencyAsync(id, cancellationToken) is { } done ? SubmissionOutcome.Repeat(done, fingerprint) : null;

    /// <summary>The current version of the item, when it exists and is of <paramref name="kind"/>; else null and an error on <paramref name="field"/>.</summary>
    private async Task<ServiceItem?> ItemAsync(string code, string kind, string field, Dictionary<string, List<string>> errors, CancellationToken cancellationToken)
    {
        var item = await catalog.GetItemAsync(code, null, cancellationToken);
        if (item is not null && item.Kind == kind) return item;
        errors[field] = [item is null ? $"There is no item '{code}' in the catalog." : $"Item '{code}' is a {item.Kind} item, not {kind}."];
        return null;
    }

    private async Task<SubmissionOutcome> CreateAsync(DurableTaskClient durable, string id, string fingerprint, string orchestration, Func<DateTimeOffset, ApplicationRecord> draft, CancellationToken cancellationToken)
    {
        var application = await applications.GetAsync(id, cancellationToken);
        var created = false;
        if (application is null)
        {
            var now = time.GetUtcNow();
            var date = DateOnly.FromDateTime(WorkingDayCalendar.ToLocal(now));
            var sequence = await applications.NextSequenceAsync(options.CountyCode, date, cancellationToken);
            application = draft(now) with { Number = new ApplicationNumber(options.CountyCode, date, sequence).ToString() };
            created = await applications.TryCreateAsync(application, cancellationToken);
            if (!created) application = await applications.GetAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Case {id} vanished.");
        }

        if (application.Fingerprint != fingerprint) return SubmissionOutcome.KeyReused;
        await Task.WhenAll(
            applications.AddNumberAsync(application.Number, id, cancellationToken),
            applications.PutApplicantListEntryAsync(application.OwnerHash, application.ListEntry(), cancellationToken),
            statistics.CaseSubmittedAsync(application, online: true, cancellationToken));

        // As for applications: an existing instance (any status) means started; a new case cannot have one yet.
        if (created || await durable.GetInstanceAsync(id, cancellation: cancellationToken) is null)
        {
            try
            {
                await durable.ScheduleNewOrchestrationInstanceAsync(orchestration, new EnquiryCase(id, application.SubmittedAt, DevelopmentClock.OffsetOf(time)), new StartOrchestrationOptions(id), cancellationToken);
            }
            catch (InstanceAlreadyExistsException)
            {
                // A concurrent repeat started it first.
            }
        }

        var answer = new SubmissionAnswer(id, application.Number, application.Kind == CaseKinds.Disclosure ? DisclosureStatus.Received : MailboxStatus.Received, ApplicationViews.StatusUrl(application.Kind, id));
        if (!await applications.TryCreateIdempotencyAsync(new IdempotencyRecord(id, fingerprint, answer), cancellationToken))
        {
            var stored = await applications.GetIdempotencyAsync(id, cancellationToken);
            if (stored is null || stored.Fingerprint != fingerprint) return SubmissionOutcome.KeyReused;
            answer = stored.Answer;
        }

        logger.LogInformation("{Kind} case {ApplicationId} submitted as {Number}.", application.Kind, id, application.Number);
        return new SubmissionOutcome(answer, null, null);
    }
}
