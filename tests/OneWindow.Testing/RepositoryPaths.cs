namespace OneWindow.Testing;

/// <summary>Finds the repository root (the folder holding Serverless.sln) from the test's output folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path below the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        // ONEWINDOW_REPO_ROOT first: builds with --artifacts-path put the test binaries outside the repository.
        var candidates = new[] { Environment.GetEnvironmentVariable("ONEWINDOW_REPO_ROOT"), AppContext.BaseDirectory, Environment.CurrentDirectory };
        foreach (var start in candidates)
        {
            var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                dir = dir.Parent;
            }

            if (dir is not null)
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Serverless.sln not found above " + AppContext.BaseDirectory + " or the current directory; set ONEWINDOW_REPO_ROOT.");
    }
}
