using MtaLint.Rules;

namespace MtaLint.Engine;

/// <summary>Which rules run and at what severity (defaults from the rule docs, overridden by policy).</summary>
public sealed class RuleSet
{
    private readonly IReadOnlyDictionary<string, Severity> _severities;
    private readonly IReadOnlyDictionary<string, Severity> _overrides;

    /// <param name="severityOverrides">Severities the policy sets for rules (the others keep their docs' default).</param>
    public RuleSet(IEnumerable<IRule> rules, IReadOnlyDictionary<string, Severity>? severityOverrides = null)
    {
        Rules = rules.ToArray();
        var severities = new Dictionary<string, Severity>(StringComparer.Ordinal);
        var overrides = new Dictionary<string, Severity>(StringComparer.Ordinal);
        foreach (var rule in Rules)
        {
            if (severityOverrides is not null && severityOverrides.TryGetValue(rule.Id, out var s))
            {
                severities[rule.Id] = s;
                overrides[rule.Id] = s;
            }
            else
            {
                severities[rule.Id] = RuleDocs.Get(rule.Id).DefaultSeverity;
            }
        }

        _severities = severities;
        _overrides = overrides;
    }

    /// <summary>Every rule that is on by default.</summary>
    public static RuleSet Default { get; } = new(RuleCatalog.All.Where(r => RuleDocs.Get(r.Id).EnabledByDefault));

    public IReadOnlyList<IRule> Rules { get; }

    /// <summary>The severity the policy set for the rule; null when it keeps its default.</summary>
    public Severity? OverrideOf(string id) => _overrides.TryGetValue(id, out var s) ? s : null;

    /// <summary>A finding's severity: the policy's for its rule, else the finding's own, else the rule's default.</summary>
    public Severity SeverityOf(string id, Finding finding) => OverrideOf(id) ?? finding.Severity ?? _severities[id];
}
