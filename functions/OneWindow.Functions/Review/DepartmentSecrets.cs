using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OneWindow.Domain.Catalog;

namespace OneWindow.Functions.Review;

/// <summary>
/// A department's webhook secret, by the configuration key its catalog entry names (<c>Departments:{code}:Secret</c>;
/// Key Vault in Azure). The README's demo secrets (<c>demo-secret-{code}</c>) apply only in Development.
/// </summary>
public sealed class DepartmentSecrets(IConfiguration configuration, IHostEnvironment environment)
{
    public string? Resolve(Department department)
    {
        ArgumentNullException.ThrowIfNull(department);
        var configured = configuration[department.SecretRef ?? $"Departments:{department.Code}:Secret"];
        if (!string.IsNullOrEmpty(configured)) return configured;
        return environment.IsDevelopment() ? $"demo-secret-{department.Code}" : null;
    }
}
