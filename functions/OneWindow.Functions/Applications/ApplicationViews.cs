using OneWindow.Domain.Applications;

namespace OneWindow.Functions.Applications;

/// <summary>The JSON shapes of API.md for applications (masked applicant, never the sealed block).</summary>
internal static class ApplicationViews
{
    private static object Material(SubmittedMaterial m, IReadOnlyDictionary<SubmittedMaterial, string> links) => new
    {
        code = m.Code,
        uploadId = m.UploadId,
        size = m.Size,
        sha256 = m.Sha256,
        reused = m.Reused,
        contentType = m.ContentType,
        downloadUrl = links.GetValueOrDefault(m),
        licenceNumber = m.LicenceNumber,
        licenceUrl = m.LicenceNumber is { } number ? Licences.LicenceViews.Url(number) + "/verification" : null,
    };

    /// <summary>
    /// The case as its readers see it; <paramref name="links"/> are download URLs of its materials (its own and its
    /// corrections'), by material; <paramref name="pickupCode"/> only in the applicant's own view.
    /// </summary>
    public static object Full(ApplicationRecord a, IReadOnlyDictionary<SubmittedMaterial, string> links, string? pickupCode = null) => new
    {
        id = a.Id,
        number = a.Number,
        kind = a.Kind,
        itemCode = a.ItemCode,
        packageCode = a.PackageCode,
        itemName = a.ItemName,
        status = a.Status,
        submittedAt = a.SubmittedAt,
        acceptedAt = a.AcceptedAt,
        deemedAccepted = a.DeemedAccepted,
        dueAt = a.DueAt,
        legalDueAt = a.LegalDueAt,
        provisional = a.Provisional,
        applicant = a.Applicant,
        answers = a.Answers,
        materials = a.Materials.Select(m => Material(m, links)),
        deferredMaterials = a.DeferredMaterials,
        deferredSupplyDueAt = a.DeferredSupplyDueAt,
        greenChannel = a.GreenChannel is { } green ? new { reason = green.Reason, at = green.At } : null,
        stages = a.Stages.Select(s => new
        {
            name = s.Name,
            status = s.Status,
            leadDepartment = s.LeadDepartment,
            tasks = s.Tasks.Select(t => new
            {
                id = t.Id,
                kind = t.Kind,
                itemCode = t.ItemCode,
                department = t.Department,
                status = t.Status,
                warningAt = t.WarningAt,
                dueAt = t.DueAt,
                legalDueAt = t.LegalDueAt,
                decidedAt = t.DecidedAt,
                decision = t.Decision,
                opinion = t.Opinion,
                progress = t.Progress,
            }),
        }),
        corrections = a.Corrections.Select(c => new
        {
            id = c.Id,
            source = c.Source,
            department = c.Department,
            items = c.Items.Select(i => new { materialCode = i.MaterialCode, message = i.Message }),
            dueAt = c.DueAt,
            status = c.Status,
            materials = c.Materials.Select(m => Material(m, links)),
        }),
        // API.md: the licences issued for the case (their numbers, also the delivery's documents).
        licences = (a.Delivery?.Documents ?? []).Select(n => new { number = n }),
        delivery = Delivery.DeliveryViews.Of(a, pickupCode),
        rejectionReason = a.RejectionReason,
        decidedAt = a.DecidedAt,
    };

    public static object Entry(ApplicantListEntry e) => new
    {
        id = e.Id,
        number = e.Number,
        itemCode = e.ItemCode,
        packageCode = e.PackageCode,
        itemName = e.ItemName,
        status = e.Status,
        kind = e.Kind,
        submittedAt = e.SubmittedAt,
        statusUrl = StatusUrl(e.Kind, e.Id),
    };

    /// <summary>Where a case of <paramref name="kind"/> is read: each kind has its own view beside the common one.</summary>
    public static string StatusUrl(string kind, string id) => kind switch
    {
        CaseKinds.Disclosure => $"/api/disclosure-requests/{id}",
        CaseKinds.Mailbox => $"/api/mailbox/{id}",
        _ => $"/api/applications/{id}",
    };

    /// <summary>Public tracking: no personal data, only where the case is and when it is due.</summary>
    public static object Track(ApplicationRecord a, DateTimeOffset? predictedCompletionAt = null) => new
    {
        number = a.Number,
        itemName = a.ItemName,
        status = a.Status,
        currentDepartments = CurrentDepartments(a),
        submittedAt = a.SubmittedAt,
        dueAt = a.DueAt,
        predictedCompletionAt,
    };

    private static IReadOnlyList<string> CurrentDepartments(ApplicationRecord a)
    {
        var reviewing = a.Stages.SelectMany(s => s.Tasks).Where(t => t.Status == DepartmentTask.InReview).Select(t => t.Department).Distinct().ToArray();
        if (reviewing.Length > 0) return reviewing;

        // Before review the case is with the one-stop window.
        return a.Status is "submitted" or "correction-required" or "accepted" ? ["window"] : [];
    }
}
