using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Rules.Wire;

namespace MtaLint.Engine;

/// <summary>
/// Runs the rules that apply to the wire (their doc lists <c>wire</c> under <c>mtas</c>) on what a
/// probe observed. Findings lose their fixes: a live server cannot be edited from here.
/// </summary>
public sealed class WireLinter(RuleSet rules)
{
    /// <summary>
    /// Config rules that list <c>wire</c> but have a wire rule that says the same with the wire's
    /// evidence: MTA201 (STARTTLS not offered) is MTA404 on the wire. Running both would report one fact twice.
    /// </summary>
    private static readonly HashSet<string> SupersededOnTheWire = new(StringComparer.Ordinal) { "MTA201" };

    public static RuleSet DefaultRules { get; } = new(RuleCatalog.All.Where(r =>
        RuleDocs.ById.TryGetValue(r.Id, out var doc) && doc.EnabledByDefault && AppliesToWire(doc)));

    private static bool AppliesToWire(RuleMetadata doc) => doc.Mtas.Contains("wire") && !SupersededOnTheWire.Contains(doc.Id);

    public LintResult Lint(MtaConfig config)
    {
        var diagnostics = new List<Diagnostic>();
        // A masked greeting is the firewall's text, not the server's: MTA401 reports it, and the
        // banner rules (banner-*) would only restate it as a missing host name or ESMTP.
        var greetingMasked = config.Observed is { } session && WireEvidence.GreetingMasked(session);
        foreach (var rule in rules.Rules)
        {
            if (!RuleDocs.ById.TryGetValue(rule.Id, out var doc) || !AppliesToWire(doc)
                || (greetingMasked && doc.Name.StartsWith("banner-", StringComparison.Ordinal)))
            {
                continue;
            }

            foreach (var finding in rule.Check(config))
            {
                diagnostics.Add(new Diagnostic(rule.Id, doc.Name, rules.SeverityOf(rule.Id, finding), finding with { Fix = null }));
            }
        }

        DiagnosticOrder.Sort(diagnostics);
        return new LintResult(config.Files, config, diagnostics);
    }
}
