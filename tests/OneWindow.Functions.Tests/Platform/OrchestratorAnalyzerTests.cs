using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using OneWindow.Testing;
using Xunit;

namespace OneWindow.Functions.Tests.Platform;

/// <summary>
/// The orchestrator determinism analyzers (Microsoft.DurableTask.Analyzers, on with warnings as errors in the
/// orchestrations project) see orchestrators declared with the Functions attributes: a deliberately non-deterministic
/// one is reported, a deterministic one is not.
/// </summary>
public sealed class OrchestratorAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using Microsoft.Azure.Functions.Worker;
        using Microsoft.DurableTask;
        """;

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(p => !Path.GetFileName(p).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) && IsManaged(p))
            .GroupBy(Path.GetFileName).Select(g => MetadataReference.CreateFromFile(g.First()));
        var compilation = CSharpCompilation.Create("Orchestrators", [CSharpSyntaxTree.ParseText(Usings + source)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var analyzers = LoadableTypes(Assembly.LoadFrom(AnalyzerPath()))
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();
        Assert.NotEmpty(analyzers);
        return await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
    }

    // The package's code fixes need Roslyn's Workspaces, which the tests do not load; its analyzers do not.
    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false; // native libraries beside the tests (Cosmos interop, C runtime)
        }
    }

    private static string AnalyzerPath()
    {
        var version = System.Xml.Linq.XDocument.Load(RepositoryPaths.Combine("Directory.Packages.props")).Descendants("PackageVersion")
            .First(e => (string?)e.Attribute("Include") == "Microsoft.DurableTask.Analyzers").Attribute("Version")!.Value;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(packages, "microsoft.durabletask.analyzers", version, "analyzers", "dotnet", "cs", "Microsoft.DurableTask.Analyzers.dll");
        Assert.True(File.Exists(path), $"No analyzer at {path}: restore the solution first.");
        return path;
    }

    [Fact]
    public async Task An_orchestrator_reading_the_wall_clock_is_reported()
    {
        var diagnostics = await AnalyzeAsync("""
            public sealed class Careless
            {
                [Function("Careless")]
                public Task<DateTime> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) => Task.FromResult(DateTime.UtcNow);
            }
            """);
        Assert.Contains(diagnostics, d => d.Id == "DURABLE0001");
    }

    [Fact]
    public async Task An_orchestrator_using_the_replay_safe_clock_is_not()
    {
        var diagnostics = await AnalyzeAsync("""
            public sealed class Careful
            {
                [Function("Careful")]
                public Task<DateTime> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) => Task.FromResult(context.CurrentUtcDateTime);
            }
            """);
        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("DURABLE", StringComparison.Ordinal));
    }
}
