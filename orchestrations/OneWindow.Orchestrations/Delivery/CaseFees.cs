using OneWindow.Domain.Applications;
using OneWindow.Domain.Catalog;
using OneWindow.Domain.Delivery;

namespace OneWindow.Orchestrations.Delivery;

/// <summary>
/// Fixes a case's fee when it is accepted (<see cref="FeeAssessment"/>): the fee rules of its items at the catalog
/// version the case was submitted with (a package's items at their current version, as its review uses them), the
/// applicant kind, the answers and the sealed form (for formulas); the payment notice is made from the case number.
/// </summary>
public sealed class CaseFees(ICatalogStore catalog, PersonalDataProtector protector)
{
    /// <summary>The fee of <paramref name="application"/> assessed at <paramref name="at"/>, or null for a fee-free case.</summary>
    public async Task<CaseFee?> AssessAsync(ApplicationRecord application, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        var items = new List<ServiceItem>();
        if (application.ItemCode is { } code)
        {
            items.Add(await catalog.GetItemAsync(code, application.CatalogVersion, cancellationToken) ?? throw new InvalidOperationException($"Item {code} v{application.CatalogVersion} not found."));
        }
        else
        {
            var package = await catalog.GetPackageAsync(application.PackageCode!, application.CatalogVersion, cancellationToken) ?? throw new InvalidOperationException($"Package {application.PackageCode} v{application.CatalogVersion} not found.");
            foreach (var itemCode in package.Stages.SelectMany(s => s.Items))
            {
                items.Add(await catalog.GetItemAsync(itemCode, null, cancellationToken) ?? throw new InvalidOperationException($"Item {itemCode} not found."));
            }
        }

        if (items.All(i => i.Fees.Count == 0)) return null;
        var secret = protector.Open<ApplicantSecret>(application.SealedApplicant, application.Id);
        return FeeAssessment.Assess(items, application.Applicant.Kind, application.Answers, secret.Form, PaymentNotice.For(application.Number), at);
    }
}
