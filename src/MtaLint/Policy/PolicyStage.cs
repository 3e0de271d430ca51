using MtaLint.Rules;

namespace MtaLint.Policy;

/// <summary>
/// The stage between the rules and reporting: drops findings the project policy turns off for a
/// file (<c>disable</c>, <c>per-file</c>), then applies suppression comments unless
/// <c>--no-inline-ignores</c>, reporting unused (MTA001) and invalid (MTA002) suppressions.
/// </summary>
public sealed class PolicyStage(ProjectConfig config, bool inlineIgnores = true) : IDiagnosticFilter
{
    public IReadOnlyList<Diagnostic> Filter(LintResult result, RuleSet rules)
    {
        var kept = result.Diagnostics
            .Where(d => d.RuleId == Linter.SyntaxErrorId || !config.IsDisabledFor(d.Path, d.RuleId))
            .ToList();
        if (!inlineIgnores)
        {
            return kept;
        }

        var ran = rules.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var inline = new InlineSuppressions(
            (path, id) => ran.Contains(id) && !config.IsDisabledFor(path, id),
            id => ran.Contains(id) || RuleDocs.ById.ContainsKey(id) || RuleCatalog.Find(id) is not null);
        return inline.Apply(result, kept, (id, finding) =>
        {
            if (!config.IsEnabled(id) || config.IsDisabledFor(finding.File.Path, id))
            {
                return null;
            }

            var name = RuleDocs.ById.TryGetValue(id, out var doc) ? doc.Name : id;
            return new Diagnostic(id, name, config.SeverityOf(id), finding);
        });
    }
}
