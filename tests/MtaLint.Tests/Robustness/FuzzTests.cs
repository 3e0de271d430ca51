using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Fixes;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;

namespace MtaLint.Tests.Robustness;

/// <summary>
/// Mutation fuzzing over every file in testdata/ (the corpus included): for each mutant, no
/// exception escapes, parse → print is byte-exact, fixing yields text that parses, and a second
/// fix changes nothing. Seeded and reproducible: a failure names its seed and mutations and
/// leaves the mutant in TestResults/fuzz-failures/. <c>MTALINT_FUZZ_MUTANTS</c> sets the number of
/// mutants per dialect (default 1,000 in CI), <c>MTALINT_FUZZ_SEED</c> the base seed,
/// <c>MTALINT_FUZZ_ONLY</c> one seed to replay.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PerMutantLimit = TimeSpan.FromSeconds(20);

    public static TheoryData<string> Dialects() => RegisteredDialects.NamesAsData();

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Mutants_never_crash_hang_or_lose_bytes(string dialectName)
    {
        var dialect = DialectRegistry.Find(dialectName)!;
        var inputs = Inputs(dialectName);
        Assert.NotEmpty(inputs);
        var mutants = int.TryParse(Environment.GetEnvironmentVariable("MTALINT_FUZZ_MUTANTS"), out var m) ? m : 1000;
        var baseSeed = int.TryParse(Environment.GetEnvironmentVariable("MTALINT_FUZZ_SEED"), out var s) ? s : 20261122;

        var failures = new List<string>();
        // MTALINT_FUZZ_ONLY=SEED replays the one mutant a failure message names (same base seed).
        var only = int.TryParse(Environment.GetEnvironmentVariable("MTALINT_FUZZ_ONLY"), out var o) ? o - baseSeed : (int?)null;
        for (var i = only ?? 0; i < (only is null ? mutants : only + 1) && failures.Count < 10; i++)
        {
            var seed = baseSeed + i;
            var (path, bytes) = inputs[i % inputs.Count];
            var other = inputs[(i * 7 + 3) % inputs.Count].Bytes;
            var (mutant, description) = new Mutator(seed).Mutate(bytes, other);
            var problem = Check(dialect, path, mutant);
            if (problem is not null)
            {
                failures.Add($"seed {seed}, {Path.GetFileName(path)}, {description}: {problem} (mutant saved as {Save(dialectName, seed, mutant)})");
            }
        }

        output.WriteLine($"{dialectName}: {mutants} mutants of {inputs.Count} files, {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>
    /// Postfix templates (issue 15), mutated as configs are: unclosed tags, tags cut in half, <c>{{</c> in values,
    /// bytes of another template spliced in. Each mutant keeps its template name, so it is read as a template.
    /// </summary>
    [Fact]
    public void Template_mutants_never_crash_hang_or_lose_bytes()
    {
        var dialect = DialectRegistry.Find("postfix")!;
        var inputs = Directory.EnumerateFiles(Path.Combine(TestPaths.TestsData, "templates"), "*", SearchOption.AllDirectories)
            .Where(p => dialect.Recognizes(p, () => File.ReadAllText(p)) && TemplateReading.ViewOf(new SourceFile(p, File.ReadAllText(p)), _ => null) is not null)
            .Order(StringComparer.Ordinal)
            .Select(p => (Path: p, Bytes: File.ReadAllBytes(p)))
            .ToList();
        Assert.True(inputs.Count >= 30, $"{inputs.Count} templates");
        var mutants = int.TryParse(Environment.GetEnvironmentVariable("MTALINT_FUZZ_MUTANTS"), out var m) ? m : 400;
        var failures = new List<string>();
        for (var i = 0; i < mutants && failures.Count < 10; i++)
        {
            var seed = 20261203 + i;
            var (path, bytes) = inputs[i % inputs.Count];
            var (mutant, description) = new Mutator(seed).Mutate(bytes, inputs[(i * 7 + 3) % inputs.Count].Bytes);
            if (Check(dialect, path, mutant) is { } problem)
            {
                failures.Add($"seed {seed}, {Path.GetFileName(path)}, {description}: {problem} (mutant saved as {Save("postfix-templates", seed, mutant)})");
            }
        }

        output.WriteLine($"postfix templates: {mutants} mutants of {inputs.Count} files, {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Runs every property on one input; null when all hold, else what broke.</summary>
    internal static string? Check(IDialect dialect, string path, byte[] bytes)
    {
        var work = Task.Run(() =>
        {
            var file = SourceFile.FromBytes(path, bytes);
            if (!file.Encode().AsSpan().SequenceEqual(bytes))
            {
                return "bytes do not survive SourceFile";
            }

            if (dialect.Reprint(file) != file.Text)
            {
                return "parse → print is not byte-exact";
            }

            var linter = new Linter(RuleSet.Default, new AnalysisOptions(Hostname: "mx.example.com"));
            var fixer = new Fixer(linter, includeUnsafe: true);
            var first = fixer.Fix(dialect, [file]);
            if (first.Problem is not null)
            {
                return "fix: " + first.Problem;
            }

            if (first.Files.Any(f => dialect.Reprint(f) != f.Text))
            {
                return "fixed text does not round-trip";
            }

            var second = fixer.Fix(dialect, first.Files);
            if (second.Applied.Count != 0)
            {
                return "a second fix changed the text again: " + string.Join(", ", second.Applied.Select(d => d.RuleId));
            }

            return null;
        });
        try
        {
            return work.Wait(PerMutantLimit) ? work.Result : $"did not finish in {PerMutantLimit.TotalSeconds} s";
        }
        catch (AggregateException e)
        {
            return "exception: " + e.InnerException;
        }
    }

    private static List<(string Path, byte[] Bytes)> Inputs(string dialectName) =>
        new[] { Path.Combine(TestPaths.TestData, dialectName), Path.Combine(TestPaths.Corpus, dialectName) }
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(p => !p.EndsWith(".md", StringComparison.Ordinal) && !p.Contains(".verified.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllBytes(p)))
            .ToList();

    private static string Save(string dialect, int seed, byte[] mutant)
    {
        var dir = Path.Combine(TestPaths.RepoRoot, "TestResults", "fuzz-failures", dialect);
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"seed-{seed}");
        File.WriteAllBytes(file, mutant);
        return file;
    }
}
