namespace OneWindow.DurableTask;

/// <summary>The name and optional version of an orchestrator or activity.</summary>
public readonly struct TaskName : IEquatable<TaskName>
{
    /// <summary>Creates a task name.</summary>
    public TaskName(string name, string? version = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Version = version ?? string.Empty;
    }

    /// <summary>The registered name.</summary>
    public string Name { get; }

    /// <summary>The version, or an empty string for "unversioned".</summary>
    public string Version { get; }

    /// <summary>Converts a plain name into an unversioned <see cref="TaskName"/>.</summary>
    public static implicit operator TaskName(string name) => new(name);

    /// <summary>Converts a plain name into an unversioned <see cref="TaskName"/>.</summary>
    public static TaskName FromString(string name) => new(name);

    /// <inheritdoc />
    public bool Equals(TaskName other) =>
        string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase) && string.Equals(Version, other.Version, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TaskName other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(Name ?? string.Empty), Version);

    /// <summary>Equality.</summary>
    public static bool operator ==(TaskName left, TaskName right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(TaskName left, TaskName right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => string.IsNullOrEmpty(Version) ? Name : $"{Name}@{Version}";
}
