using MtaLint.Rules;

namespace MtaLint.Engine;

/// <summary>Which rules run and at what severity (defaults from the rule docs, overridden by policy).</summary>
public sealed class RuleSet
{
    private readonly IReadOnlyDictionary<string, Severity> _severities;

    public RuleSet(IEnumerable<IRule> rules, IReadOnlyDictionary<string, Severity>? severityOverrides = null)
    {
        Rules = rules.ToArray();
        var severities = new Dictionary<string, Severity>(StringComparer.Ordinal);
        foreach (var rule in Rules)
        {
            severities[rule.Id] = severityOverrides is not null && severityOverrides.TryGetValue(rule.Id, out var s)
                ? s
                : RuleDocs.Get(rule.Id).DefaultSeverity;
        }

        _severities = severities;
    }

    /// <summary>Every rule that is on by default.</summary>
    public static RuleSet Default { get; } = new(RuleCatalog.All.Where(r => RuleDocs.Get(r.Id).EnabledByDefault));

    public IReadOnlyList<IRule> Rules { get; }

    public Severity SeverityOf(string id) => _severities[id];
}
