using MtaLint.Dialects;
using MtaLint.Text;

namespace MtaLint.Tests.Robustness;

/// <summary>Exim templates (issue 15), mutated as the Postfix ones are (see <see cref="FuzzTests"/>): no crash, hang or lost byte.</summary>
public sealed class EximTemplateFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void Exim_template_mutants_never_crash_hang_or_lose_bytes()
    {
        var dialect = DialectRegistry.Find("exim")!;
        var inputs = Directory.EnumerateFiles(Path.Combine(Infrastructure.TestPaths.TestsData, "templates"), "*", SearchOption.AllDirectories)
            .Where(p => dialect.Recognizes(TemplateDetector.WithoutTemplateSuffix(p) ?? p, () => File.ReadAllText(p))
                        && EximDialect.ViewOf(new SourceFile(p, File.ReadAllText(p)), _ => null) is not null)
            .Order(StringComparer.Ordinal)
            .Select(p => (Path: p, Bytes: File.ReadAllBytes(p)))
            .ToList();
        Assert.Equal(12, inputs.Count);
        var mutants = int.TryParse(Environment.GetEnvironmentVariable("MTALINT_FUZZ_MUTANTS"), out var m) ? m / 4 : 100;
        var failures = new List<string>();
        for (var i = 0; i < mutants && failures.Count < 10; i++)
        {
            var seed = 20261204 + i;
            var (path, bytes) = inputs[i % inputs.Count];
            var (mutant, description) = new Mutator(seed).Mutate(bytes, inputs[(i * 7 + 3) % inputs.Count].Bytes);
            if (FuzzTests.Check(dialect, path, mutant) is { } problem)
            {
                failures.Add($"seed {seed}, {Path.GetFileName(path)}, {description}: {problem}");
            }
        }

        output.WriteLine($"exim templates: {mutants} mutants of {inputs.Count} files, {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
