using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Rules;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;

namespace MtaLint.Tests.Exim;

/// <summary>
/// A config whose include is not in the repository is still linted: the include is MTA000 at its line,
/// and the rest of the config gets its findings, each saying it could depend on the missing part.
/// Counted over every Exim and Sendmail config in testdata/ (the corpus included), read as named alone.
/// </summary>
public class MissingIncludeTests(ITestOutputHelper output)
{
    private static readonly Linter Linter = new(RuleSet.Default, EximTestHost.Options);

    private static IEnumerable<(string Path, IDialect Dialect)> Configs() =>
        Directory.EnumerateFiles(TestPaths.TestData, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => (p, DialectRegistry.All.FirstOrDefault(d => d.Recognizes(p, () => File.ReadAllText(p)))
                             ?? (p.Contains($"{Path.DirectorySeparatorChar}exim{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? DialectRegistry.Find("exim") : null)))
            .Where(c => c.Item2 is { Mta: Model.MtaKind.Exim or Model.MtaKind.Sendmail })
            .Select(c => (c.p, c.Item2!));

    [Fact]
    public void Configs_with_an_include_that_is_not_here_are_linted_not_hidden()
    {
        var counts = new Dictionary<string, (int Configs, int Hidden)>();
        foreach (var (path, dialect) in Configs())
        {
            var lint = Linter.Lint(dialect, [SourceFile.FromBytes(path, File.ReadAllBytes(path))]);
            var (configs, hidden) = counts.GetValueOrDefault(dialect.Name);
            // A gap's text is shown to users: a template's tag reads there as the tag, never as the masked characters.
            Assert.All(lint.Config?.Gaps ?? [], g => Assert.DoesNotContain(MtaLint.Syntax.Templates.TemplateView.Filler, g.What));
            // An include whose path a template's tag writes is no error: the rendering decides which file it names.
            var gaps = lint.Config?.Gaps.Where(g => g.What.Contains("included at", StringComparison.Ordinal) && lint.Config.Template?.IsTemplateDependent(g.At) != true).ToList() ?? [];
            if (gaps.Count > 0)
            {
                // Once one MTA000 for the whole unit: now each include at its line, and the rules' findings on the rest, each with the note.
                var errors = lint.Diagnostics.Where(d => d.RuleId == Linter.SyntaxErrorId).ToList();
                Assert.Equal(gaps.Select(g => (object?)g.At), errors.Select(e => (object?)e.Finding.Location));
                var findings = lint.Diagnostics.Where(d => d.RuleId != Linter.SyntaxErrorId).ToList();
                Assert.All(findings.Where(f => !RuleDocs.Get(f.RuleId).JudgesTextOnly), f =>
                {
                    Assert.Null(f.Fix);
                    Assert.Contains(f.Finding.Notes, n => n.StartsWith("part of the config could not be read", StringComparison.Ordinal));
                });
                output.WriteLine($"{Path.GetRelativePath(TestPaths.RepoRoot, path)}: {gaps.Count} missing include(s); {findings.Count} findings on the rest");
                hidden++;
            }

            counts[dialect.Name] = (configs + 1, hidden);
        }

        foreach (var (dialect, (configs, hidden)) in counts)
        {
            output.WriteLine($"{dialect}: {hidden} of {configs} configs have an include that is not here, and are linted");
        }

        Assert.True(counts["exim"].Hidden >= 1 && counts["sendmail"].Hidden >= 1, string.Join(", ", counts));
    }
}
