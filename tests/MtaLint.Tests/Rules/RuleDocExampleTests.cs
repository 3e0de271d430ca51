using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Fixes;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;

namespace MtaLint.Tests.Rules;

/// <summary>
/// Runs every example of every rule doc with its dialect: <c>bad</c> triggers the rule,
/// <c>good</c> does not, fixing <c>bad</c> with the rule's fixes (unsafe ones too when the doc
/// says <c>fix: unsafe</c>) gives exactly <c>good</c>, and fixing again changes nothing.
/// An example in a dialect that is not implemented fails: the docs promise what the tool does.
/// </summary>
public sealed class RuleDocExampleTests
{
    private static readonly AnalysisOptions Options = new(Hostname: "mx.example.com");

    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in Directory.EnumerateFiles(TestPaths.Rules, "*.md").Order(StringComparer.Ordinal))
        {
            foreach (var example in RuleDocExamples.Parse(File.ReadAllText(path)))
            {
                data.Add(Path.GetFileNameWithoutExtension(path), example.Heading);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_behaves_as_documented(string id, string heading)
    {
        var markdown = File.ReadAllText(Path.Combine(TestPaths.Rules, id + ".md"));
        var meta = RuleMetadata.Parse(markdown, id + ".md");
        var example = RuleDocExamples.Parse(markdown).Single(e => e.Heading == heading);
        var dialectName = Assert.Single(example.Files.Select(f => f.Dialect).Distinct());
        var dialect = DialectRegistry.Find(dialectName);
        Assert.True(dialect is not null, $"{id} \"{heading}\": no dialect named {dialectName}");
        var rule = RuleCatalog.Find(id);
        Assert.True(rule is not null || Ecosystem.DocExamplePolicy.IsPolicyStageRule(id), $"{id} has examples but no rule");
        var linter = Ecosystem.DocExamplePolicy.LinterFor(id, rule, markdown, heading, Options);
        using var folder = new TempFolder();

        var bad = example.BadFiles.ToArray();
        var good = example.GoodFiles.ToArray();
        IReadOnlyList<SourceFile>? badFiles = null;
        if (bad.Length > 0)
        {
            badFiles = Read(dialect!, folder.Write("bad", bad));
            var findings = Findings(linter, dialect!, badFiles, id, heading);
            Assert.True(findings.Count > 0, $"{id} \"{heading}\": the bad example does not trigger the rule");
            Assert.All(findings, d => Assert.True(
                meta.Fix switch
                {
                    "none" => d.Fix is null,
                    "safe" => d.Fix is null || d.Fix.Safety == FixSafety.Safe,
                    _ => true,
                },
                $"{id}: a finding's fix ({d.Fix?.Safety}) contradicts the doc's 'fix: {meta.Fix}'"));
        }

        if (good.Length > 0)
        {
            var goodFiles = Read(dialect!, folder.Write("good", good));
            var findings = Findings(linter, dialect!, goodFiles, id, heading);
            Assert.True(findings.Count == 0, $"{id} \"{heading}\": the good example triggers the rule: {string.Join("; ", findings.Select(d => d.Message))}");
        }

        if (badFiles is null || meta.Fix == "none")
        {
            return;
        }

        var fixer = new Fixer(linter, includeUnsafe: meta.Fix == "unsafe");
        var result = fixer.Fix(dialect!, badFiles);
        Assert.Null(result.Problem);
        Assert.True(result.Converged, $"{id} \"{heading}\": fixes did not converge");
        if (good.Length == 0)
        {
            Assert.True(result.Applied.Count == 0, $"{id} \"{heading}\": a bad example without a good one must have no fix, but fixes were applied");
            return;
        }

        foreach (var file in result.Files)
        {
            var name = Path.GetFileName(file.Path);
            var expected = good.FirstOrDefault(g => g.FileName == name)?.Text ?? bad.Single(b => b.FileName == name).Text;
            Assert.Equal(expected, file.Text);
        }

        Assert.True(good.All(g => result.Files.Any(f => Path.GetFileName(f.Path) == g.FileName)),
            $"{id} \"{heading}\": the good example has a file the bad one lacks; a fix cannot create files");

        var again = fixer.Fix(dialect!, result.Files);
        Assert.True(again.Applied.Count == 0, $"{id} \"{heading}\": a second fix changed the files again");
    }

    private static List<Diagnostic> Findings(Linter linter, IDialect dialect, IReadOnlyList<SourceFile> files, string id, string heading)
    {
        var result = linter.Lint(dialect, files);
        var errors = result.Diagnostics.Where(d => d.RuleId == Linter.SyntaxErrorId).Select(d => $"{d.Path}:{d.Start}: {d.Message}").ToArray();
        Assert.True(result.Config is not null && errors.Length == 0, $"{id} \"{heading}\": the example does not parse: {string.Join("; ", errors)}");
        return result.Diagnostics.Where(d => d.RuleId == id).ToList();
    }

    private static IReadOnlyList<SourceFile> Read(IDialect dialect, IReadOnlyList<string> paths)
    {
        var unit = Assert.Single(dialect.Group(paths));
        return unit.Paths.Select(p => SourceFile.FromBytes(p, File.ReadAllBytes(p))).ToArray();
    }

    private sealed class TempFolder : IDisposable
    {
        private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("mtalint-doc-");

        public IReadOnlyList<string> Write(string name, IEnumerable<ExampleFile> files)
        {
            var folder = Directory.CreateDirectory(Path.Combine(_root.FullName, name));
            return files.Select(f =>
            {
                var path = Path.Combine(folder.FullName, f.FileName);
                File.WriteAllText(path, f.Text);
                return path;
            }).ToArray();
        }

        public void Dispose() => _root.Delete(recursive: true);
    }
}
