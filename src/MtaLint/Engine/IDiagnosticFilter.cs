using MtaLint.Rules;

namespace MtaLint.Engine;

/// <summary>
/// A stage between the rules and reporting (suppression comments, per-file policy): it sees
/// a unit's findings, in no particular order, and returns the ones to report (in any order: the
/// linter sorts them), possibly with findings of its own.
/// Rules do not know about it; the fixer sees its output, so suppressed findings are not fixed.
/// </summary>
public interface IDiagnosticFilter
{
    IReadOnlyList<Diagnostic> Filter(LintResult result, RuleSet rules);
}
