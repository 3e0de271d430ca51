using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Policy;
using MtaLint.Reporting;
using MtaLint.Rules;
using MtaLint.Tests.Cli;
using MtaLint.Text;

namespace MtaLint.Tests.Ecosystem;

/// <summary>Lints fake-dialect files in the library (no CLI) and renders the result in a format.</summary>
internal static class Eco
{
    public static RuleSet FakeRules { get; } = CliRunner.FakeHost().RuleSet;

    /// <summary>Lints one unit of the fake dialect with the policy stage (suppressions on, no config).</summary>
    public static LintResult Lint(params SourceFile[] files) =>
        new Linter(FakeRules, new AnalysisOptions("mx.example.com"), new PolicyStage(ProjectConfig.Empty(Path.GetTempPath()))).Lint(new FakeDialect(), files);

    public static LintResult Lint(string text, string path = "/srv/conf/main.fake") => Lint(new SourceFile(path, text));

    /// <summary>Renders lint results as one run in <paramref name="formatter"/>'s format.</summary>
    public static string Render(IReportFormatter formatter, params LintResult[] results)
    {
        var output = new StringWriter { NewLine = "\n" };
        var writer = formatter.Start(output, new ReportSettings(ToolVersion: "1.2.3+abc"));
        var errors = 0;
        var warnings = 0;
        var infos = 0;
        foreach (var result in results)
        {
            writer.Write(new UnitReport(result.Files.Select(f => f.Path).ToArray(), result.Diagnostics, []));
            errors += result.Diagnostics.Count(d => d.Severity == Severity.Error);
            warnings += result.Diagnostics.Count(d => d.Severity == Severity.Warning);
            infos += result.Diagnostics.Count(d => d.Severity == Severity.Info);
        }

        var files = results.Sum(r => r.Files.Count);
        var withFindings = results.SelectMany(r => r.Diagnostics).Select(d => d.Path).Distinct().Count();
        writer.Finish(new RunSummary(files, withFindings, errors, warnings, infos, 0, 0, 0, 0));
        return output.ToString();
    }
}
