using MtaLint.Dialects;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Engine;

/// <summary>Runs a dialect and the rules over one unit: Syntax → Model → Rules (→ <paramref name="filter"/>).</summary>
public sealed class Linter(RuleSet rules, AnalysisOptions options, IDiagnosticFilter? filter = null)
{
    /// <summary>Rule id of syntax errors: input the dialect cannot read.</summary>
    public const string SyntaxErrorId = "MTA000";

    public AnalysisOptions Options => options;

    /// <param name="files">The files the MTA is given.</param>
    /// <param name="included">Files they include, as read or fixed (the dialect reads others from disk).</param>
    public LintResult Lint(IDialect dialect, IReadOnlyList<SourceFile> files, IReadOnlyList<SourceFile>? included = null)
    {
        included ??= [];
        var analysis = dialect.Analyze(files, included.Count == 0 ? options : options with { Included = included });
        var diagnostics = new List<Diagnostic>();
        foreach (var error in analysis.Errors)
        {
            diagnostics.Add(new Diagnostic(SyntaxErrorId, "syntax-error", Severity.Error, Finding.At(error.Location, error.Message)));
        }

        List<string>? unprobed = null;
        List<string> unconfirmed = [];
        if (analysis.Config is { } config)
        {
            var template = config.Template is { } facts ? new TemplateJudgement(facts, files) : null;
            var recurrence = new Recurrence();
            var wholeFile = new List<(Diagnostic Diagnostic, IRule Rule, string Message)>();
            // A whole-file finding on a template holds only where the undecided assignments do not decide it; a template
            // too large to read again for that is not asked (see WholeFileProbe): such findings are left out, and said so.
            unprobed = config.Template is { Undecided.Count: > 0 } && !WholeFileProbe.Probes(files) ? new List<string>() : null;
            foreach (var rule in rules.Rules)
            {
                var name = RuleDocs.ById.TryGetValue(rule.Id, out var doc) ? doc.Name : rule.Id;
                var textOnly = doc?.JudgesTextOnly ?? false;
                foreach (var found in rule.Check(config))
                {
                    if ((template is null ? found : template.Judge(rule, found)) is not { } finding)
                    {
                        continue;
                    }

                    if (found.Location is null && unprobed is not null)
                    {
                        unprobed.Add(rule.Id);
                        continue;
                    }

                    if (template is not null && config.TemplateProjection is { } projection)
                    {
                        if (projection(found.Location) is not { } projected)
                        {
                            unconfirmed.Add(rule.Id);
                            continue;
                        }

                        if (!recurrence.Recurs(rule, found, projected))
                        {
                            continue;
                        }
                    }

                    var diagnostic = new Diagnostic(rule.Id, name, rules.SeverityOf(rule.Id, finding), config.Gaps.Count == 0 || textOnly ? finding : Unsettled(finding, config.Gaps));
                    diagnostics.Add(diagnostic);
                    if (found.Location is null && config.Template is { Undecided.Count: > 0 })
                    {
                        wholeFile.Add((diagnostic, rule, found.Message));
                    }
                }
            }

            if (wholeFile.Count > 0)
            {
                var confirmed = WholeFileProbe.Confirmed(dialect, files, included.Count == 0 ? options : options with { Included = included }, config.Template!, wholeFile.Select(w => w.Rule).Distinct());
                var unheld = wholeFile.Where(w => !confirmed.Contains((w.Rule.Id, w.Message))).Select(w => w.Diagnostic).ToHashSet();
                diagnostics.RemoveAll(unheld.Contains);
            }
        }

        var result = new LintResult(included.Count == 0 ? files : [.. files, .. included], analysis.Config, diagnostics)
        {
            Remarks = [.. analysis.Remarks,
                .. unprobed is { Count: > 0 } ? [WholeFileProbe.Unprobed(files, unprobed)] : Array.Empty<string>(),
                .. unconfirmed.Count > 0 ? [Unconfirmed(files, unconfirmed)] : Array.Empty<string>()],
            Included = analysis.Included,
            Dialect = dialect,
        };
        if (filter is null)
        {
            DiagnosticOrder.Sort(diagnostics);
            return result;
        }

        // A filter takes the findings in any order; what it returns is sorted once.
        var filtered = filter.Filter(result, rules).ToList();
        DiagnosticOrder.Sort(filtered);
        return result with { Diagnostics = filtered };
    }

    /// <summary>The remark on findings of a template left out because the template could not be read again to confirm them.</summary>
    private static string Unconfirmed(IReadOnlyList<SourceFile> files, List<string> ruleIds) =>
        $"{string.Join(", ", files.Select(f => f.Path))}: {ruleIds.Count} finding{(ruleIds.Count == 1 ? string.Empty : "s")} ({string.Join(", ", ruleIds.Distinct())}) not reported: "
        + $"each must hold with the template blocks that do not hold it left out, and the template was not read again for that "
        + $"(it reads with an error without them, or has findings in more than {MtaConfig.MaxTemplateProjections} different sets of blocks)";

    /// <summary>
    /// A finding on a config read without some of its parts: the missing part could set, override or
    /// define what the rule judged, so the finding says so and its fix is withheld.
    /// </summary>
    private static Finding Unsettled(Finding finding, IReadOnlyList<ConfigGap> gaps)
    {
        var what = gaps.Count == 1 ? gaps[0].What : $"{gaps[0].What} and {gaps.Count - 1} more";
        var note = $"part of the config could not be read ({what}): this holds only if it changes nothing here{(finding.Fix is null ? string.Empty : "; not fixed")}";
        return finding with { Notes = [.. finding.Notes, note], Fix = null };
    }
}
