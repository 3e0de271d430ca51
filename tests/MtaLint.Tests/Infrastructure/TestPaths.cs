namespace MtaLint.Tests.Infrastructure;

/// <summary>Where the repository, its test data, the shared corpus and the unpacked oracles are.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string TestData => Path.Combine(RepoRoot, "testdata");

    public static string Rules => Path.Combine(RepoRoot, "rules");

    /// <summary>Real-world configs copied byte for byte from public repositories (<c>testdata/corpus/SOURCES.md</c>).</summary>
    public static string Corpus => Path.Combine(TestData, "corpus");

    /// <summary>Schemas the reports are validated against (<c>schemas/</c>).</summary>
    public static string Schemas => Path.Combine(RepoRoot, "schemas");

    /// <summary>The root of the unpacked Debian packages (<c>scripts/oracles.sh</c>).</summary>
    public static string OracleRoot => Path.Combine(RepoRoot, ".oracles", "root");

    /// <summary>Test data kept with the tests: hand-made template fixtures (<c>template-syntax/</c>) and real templates (<c>templates/</c>).</summary>
    public static string TestsData => Path.Combine(RepoRoot, "tests", "MtaLint.Tests", "TestData");

    public static IEnumerable<string> CorpusFiles(string mta) =>
        Directory.EnumerateFiles(Path.Combine(Corpus, mta)).Order(StringComparer.Ordinal);

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MtaLint.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("MtaLint.sln not found above " + AppContext.BaseDirectory);
    }
}
