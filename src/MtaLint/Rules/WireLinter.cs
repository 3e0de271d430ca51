using MtaLint.Model;

namespace MtaLint.Rules;

/// <summary>
/// Runs the rules that apply to the wire (their doc lists <c>wire</c> under <c>mtas</c>) on what a
/// probe observed. Findings lose their fixes: a live server cannot be edited from here.
/// </summary>
public sealed class WireLinter(RuleSet rules)
{
    public static RuleSet DefaultRules { get; } = new(RuleCatalog.All.Where(r =>
        RuleDocs.ById.TryGetValue(r.Id, out var doc) && doc.EnabledByDefault && AppliesToWire(doc)));

    private static bool AppliesToWire(RuleMetadata doc) => doc.Mtas.Contains("wire");

    public LintResult Lint(MtaConfig config)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var rule in rules.Rules)
        {
            if (!RuleDocs.ById.TryGetValue(rule.Id, out var doc) || !AppliesToWire(doc))
            {
                continue;
            }

            foreach (var finding in rule.Check(config))
            {
                diagnostics.Add(new Diagnostic(rule.Id, doc.Name, rules.SeverityOf(rule.Id), finding with { Fix = null }));
            }
        }

        diagnostics.Sort(DiagnosticOrder.Instance);
        return new LintResult(config.Files, config, diagnostics);
    }
}
