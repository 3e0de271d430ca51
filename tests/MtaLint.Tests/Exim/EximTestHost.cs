using MtaLint.Dialects;
using MtaLint.Model;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;

namespace MtaLint.Tests.Exim;

/// <summary>Reads Exim configs the way the CLI does (dialect grouping, files read as bytes) and runs the real Exim on them.</summary>
internal static class EximTestHost
{
    public const string Exim = "usr/sbin/exim4";
    public const string LibDir = "usr/lib/x86_64-linux-gnu";

    public static readonly DateTimeOffset FixedNow = new(2026, 11, 22, 3, 22, 41, TimeSpan.Zero);

    public static AnalysisOptions Options { get; } = new(Hostname: "mx.example.com") { Now = FixedNow };

    public static EximDialect Dialect { get; } = new();

    public static IReadOnlyList<SourceFile> Read(IEnumerable<string> paths) =>
        paths.Select(p => SourceFile.FromBytes(p, File.ReadAllBytes(p))).ToArray();

    public static AnalysisResult Analyze(params string[] paths) => Dialect.Analyze(Read(paths), Options);

    public static AnalysisResult AnalyzeText(string text, AnalysisOptions? options = null, string path = "/tmp/mtalint-test/exim.conf") =>
        Dialect.Analyze([new SourceFile(path, text)], options ?? Options);

    public static MtaConfig Config(string text, AnalysisOptions? options = null)
    {
        var result = AnalyzeText(text, options);
        Assert.Empty(result.Errors);
        return result.Config!;
    }

    public static Oracle.Result RunExim(params string[] args) => Oracle.Run(Exim, args, libDir: LibDir);

    public static Oracle.Result RunEximWithInput(string stdin, params string[] args) => Oracle.Run(Exim, args, stdin, LibDir);

    /// <summary>Testdata configs (one per unit: an included file is read through its includer).</summary>
    public static IEnumerable<string> TestDataConfigs() =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.TestData, "exim"), "*", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}include{Path.DirectorySeparatorChar}", StringComparison.Ordinal) || Path.GetFileName(p) == "exim.conf")
            .Order(StringComparer.Ordinal);

    public static IEnumerable<string> AllTestDataFiles() =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.TestData, "exim"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
}
