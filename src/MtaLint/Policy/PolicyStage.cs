using MtaLint.Engine;
using MtaLint.Rules;

namespace MtaLint.Policy;

/// <summary>
/// The stage between the rules and reporting: drops findings the project policy turns off for a
/// file (<c>per-file</c>), then applies suppression comments unless <c>--no-inline-ignores</c>,
/// reporting unused (MTA001) and invalid (MTA002) suppressions when they are selected.
/// </summary>
/// <param name="enabled">The rules selected; null: those given to the stage, and MTA001/MTA002 unless the config disables them.</param>
internal sealed class PolicyStage(ProjectConfig config, bool inlineIgnores = true, IReadOnlySet<string>? enabled = null) : IDiagnosticFilter
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
        var inline = new InlineSuppressions((path, id) => ran.Contains(id) && !config.IsDisabledFor(path, id), NamesFor(rules));
        return inline.Apply(result, kept, (id, finding) =>
        {
            if (!IsEnabled(id, rules) || config.IsDisabledFor(finding.File.Path, id))
            {
                return null;
            }

            var name = RuleDocs.ById.TryGetValue(id, out var doc) ? doc.Name : id;
            return new Diagnostic(id, name, config.SeverityOf(id), finding);
        });
    }

    private bool IsEnabled(string id, RuleSet rules) => enabled?.Contains(id)
        ?? (rules.Rules.Any(r => r.Id == id) || (_checksOn ??= RuleSelection.Resolve([InlineSuppressions.UnusedId, InlineSuppressions.InvalidId], config.Selection)).Contains(id));

    /// <summary>MTA001/MTA002 as the config alone leaves them (when the stage is not told what is selected).</summary>
    private IReadOnlySet<string>? _checksOn;

    /// <summary>The rules a suppression may name: those that run and every rule mtalint has (one that is off is still a rule).</summary>
    private RuleNames NamesFor(RuleSet rules)
    {
        // Units that share a policy are linted in parallel through this one stage: the cache is one
        // reference, read once, so a thread sees a whole pair or none (a nullable tuple can tear).
        if (_names is not { } names || !ReferenceEquals(names.Rules, rules))
        {
            _names = names = new NamesOfRules(rules, new RuleNames(rules.Rules.Select(r => r.Id).Concat(RuleNames.Catalog.Ids)));
        }

        return names.Names;
    }

    private NamesOfRules? _names;

    private sealed record NamesOfRules(RuleSet Rules, RuleNames Names);
}
