using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Fixes;
using MtaLint.Model;
using MtaLint.Syntax.Templates;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;

namespace MtaLint.Tests.Templates;

/// <summary>What every dialect's templates keep, whichever dialect reads them, checked on the real templates of the test data.</summary>
public static class TemplateContract
{
    /// <summary>
    /// The real templates under <c>TestData/templates</c> that <paramref name="reads"/> takes (given the full path), and
    /// that read as templates, relative to the test data.
    /// </summary>
    public static TheoryData<string> RealTemplates(Func<string, bool> reads) =>
        new(Directory.EnumerateFiles(Path.Combine(TestPaths.TestsData, "templates"), "*", SearchOption.AllDirectories)
            .Where(p => reads(p) && TemplateReading.ViewOf(new SourceFile(p, File.ReadAllText(p)), t => null) is not null)
            .Select(p => Path.GetRelativePath(TestPaths.TestsData, p))
            .Order(StringComparer.Ordinal));

    /// <summary>
    /// The template reads back byte for byte, lints without a syntax error with every finding on it and none quoting
    /// the mask, and its fix changes only literal text: the same tags in the same order, still a template its engine reads.
    /// </summary>
    /// <param name="viewOf">How the dialect reads a template (<see cref="TemplateView"/> with every expression unknown).</param>
    public static void ReadsBackLintsAndFixesOnlyLiteralText(IDialect dialect, string relative, Func<SourceFile, TemplateView?> viewOf)
    {
        var file = TemplateFiles.Read(relative);
        var linter = new Linter(RuleSet.Default, new AnalysisOptions(Hostname: "mx.example.com"));

        var result = linter.Lint(dialect, [file]);
        var fixedResult = new Fixer(linter, includeUnsafe: true).Fix(dialect, [file]);

        Assert.Equal(file.Text, dialect.Reprint(file));
        Assert.NotNull(result.Config);
        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId == "MTA000");
        Assert.All(result.Diagnostics, d => Assert.Same(file, d.Finding.File));
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains(TemplateFacts.Filler) || d.Finding.Notes.Any(n => n.Contains(TemplateFacts.Filler)));
        var before = viewOf(file)!;
        var after = viewOf(fixedResult.Files[0])!;
        Assert.Empty(after.Document.Errors);
        Assert.Equal(before.Tags.Select(t => file.Text.Substring(t.Span.Start, t.Span.Length)), after.Tags.Select(t => fixedResult.Files[0].Text.Substring(t.Span.Start, t.Span.Length)));
        Assert.Equal(fixedResult.Files[0].Text, dialect.Reprint(fixedResult.Files[0]));
    }
}
