using System.Globalization;

namespace OneWindow.Hosting.Durable;

/// <summary>
/// host.json <c>extensions.durableTask</c>, with the keys and defaults of Durable Functions 3.x (DurableTaskOptions),
/// so the same file configures Azure and the local host. Unknown keys are ignored, as Durable Functions ignores them;
/// <see cref="Validate"/> refuses values Durable Functions refuses.
/// </summary>
public sealed class DurableTaskHostOptions
{
    /// <summary>The task hub: names the queues, tables and blob containers of the engine's state.</summary>
    public string HubName { get; set; } = "TestHubName";

    /// <summary><c>storageProvider</c>: the Azure Storage provider's settings.</summary>
    public AzureStorageProviderOptions StorageProvider { get; set; } = new();

    /// <summary>Activities one host runs at once; Durable Functions' default is 10 per processor.</summary>
    public int? MaxConcurrentActivityFunctions { get; set; }

    /// <summary>Orchestrator work items one host runs at once; Durable Functions' default is 10 per processor.</summary>
    public int? MaxConcurrentOrchestratorFunctions { get; set; }

    /// <summary>Keeps an orchestration's history in memory between work items (no replay from storage).</summary>
    public bool ExtendedSessionsEnabled { get; set; }

    /// <summary>How long an idle extended session stays in memory.</summary>
    public int ExtendedSessionIdleTimeoutInSeconds { get; set; } = 30;

    /// <summary>The version new orchestrations (and sub-orchestrations without one) start with.</summary>
    public string? DefaultVersion { get; set; }

    /// <summary><c>None</c>, <c>Strict</c> or <c>CurrentOrOlder</c> (the default): which instances this host runs.</summary>
    public string VersionMatchStrategy { get; set; } = "CurrentOrOlder";

    /// <summary><c>Reject</c> (the default: leave the work item for another host) or <c>Fail</c> the instance.</summary>
    public string VersionFailureStrategy { get; set; } = "Reject";

    /// <summary><c>NonRunningStates</c> (the default: a finished instance's id may be started again) or <c>AnyState</c>.</summary>
    public string OverridableExistingInstanceStates { get; set; } = "NonRunningStates";

    /// <summary>The activity concurrency after defaults.</summary>
    public int EffectiveMaxConcurrentActivityFunctions => MaxConcurrentActivityFunctions ?? 10 * Environment.ProcessorCount;

    /// <summary>The orchestrator concurrency after defaults.</summary>
    public int EffectiveMaxConcurrentOrchestratorFunctions => MaxConcurrentOrchestratorFunctions ?? 10 * Environment.ProcessorCount;

    /// <summary>Refuses what Durable Functions refuses at start-up, with its reasons.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(HubName) || HubName.Length is < 3 or > 45 || !char.IsAsciiLetter(HubName[0]) || !HubName.All(char.IsAsciiLetterOrDigit))
        {
            errors.Add($"hubName '{HubName}': 3 to 45 letters or digits, starting with a letter.");
        }

        if (MaxConcurrentActivityFunctions is <= 0) errors.Add("maxConcurrentActivityFunctions must be a positive integer.");
        if (MaxConcurrentOrchestratorFunctions is <= 0) errors.Add("maxConcurrentOrchestratorFunctions must be a positive integer.");
        if (ExtendedSessionIdleTimeoutInSeconds <= 0) errors.Add("extendedSessionIdleTimeoutInSeconds must be a positive integer.");
        if (!Enum.TryParse<VersionMatch>(VersionMatchStrategy, true, out _)) errors.Add($"versionMatchStrategy '{VersionMatchStrategy}': None, Strict or CurrentOrOlder.");
        if (!Enum.TryParse<VersionFailure>(VersionFailureStrategy, true, out _)) errors.Add($"versionFailureStrategy '{VersionFailureStrategy}': Reject or Fail.");
        if (OverridableExistingInstanceStates is not ("NonRunningStates" or "AnyState")) errors.Add($"overridableExistingInstanceStates '{OverridableExistingInstanceStates}': NonRunningStates or AnyState.");
        errors.AddRange(StorageProvider.Validate());
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("host.json extensions.durableTask is not valid: " + string.Join(" ", errors));
        }
    }

    /// <summary>The parsed match strategy.</summary>
    public VersionMatch MatchStrategy => Enum.Parse<VersionMatch>(VersionMatchStrategy, true);

    /// <summary>The parsed failure strategy.</summary>
    public VersionFailure FailureStrategy => Enum.Parse<VersionFailure>(VersionFailureStrategy, true);

    /// <summary>Compares versions as Durable Functions does: numerically when both parse as versions, ordinally otherwise.</summary>
    public static int CompareVersions(string? left, string? right)
    {
        left ??= string.Empty;
        right ??= string.Empty;
        if (left.Length == 0 || right.Length == 0)
        {
            return left.Length == right.Length ? 0 : (left.Length == 0 ? -1 : 1);
        }

        return TryParse(left, out var l) && TryParse(right, out var r) ? l.CompareTo(r) : string.CompareOrdinal(left, right);

        static bool TryParse(string text, out Version version)
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var major))
            {
                version = new Version(major, 0);
                return true;
            }

            return Version.TryParse(text, out version!);
        }
    }
}
