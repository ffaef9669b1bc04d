namespace OneWindow.Hosting.Durable;

/// <summary>Durable Functions' <c>versionMatchStrategy</c>: which orchestration versions a host with a <c>defaultVersion</c> runs.</summary>
public enum VersionMatch
{
    /// <summary>Every version.</summary>
    None,

    /// <summary>Only the host's own version.</summary>
    Strict,

    /// <summary>The host's version and older ones (newer instances wait for a newer host).</summary>
    CurrentOrOlder,
}
