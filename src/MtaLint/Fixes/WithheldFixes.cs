using MtaLint.Engine;
using MtaLint.Rules;

namespace MtaLint.Fixes;

/// <summary>
/// Fixes held back because applying them would bring an error the config did not have. A fix must not
/// trade a warning for an error (switching TLS on where no certificate is configured turns MTA201 into
/// MTA204): a <c>--fix</c> hook would then leave a config worse than it found it, with nothing left to
/// fix. A withheld finding stays in the report without its fix, and a note says why.
/// </summary>
internal sealed class WithheldFixes
{
    private readonly Dictionary<Key, string> _reasons = [];

    public bool Contains(Diagnostic diagnostic) => diagnostic.Fix is not null && _reasons.ContainsKey(Key.Of(diagnostic));

    /// <param name="errors">The errors the fix would bring (none: it would make the config unreadable).</param>
    public void Withhold(Diagnostic diagnostic, IReadOnlyList<Diagnostic> errors)
    {
        var what = errors.Count == 0
            ? "the config would not parse"
            : $"error[{errors[0].RuleId}] {errors[0].Message}" + (errors.Count > 1 ? $" (and {errors.Count - 1} more)" : string.Empty);
        _reasons[Key.Of(diagnostic)] = $"not fixed: {diagnostic.Fix!.Description} would bring a new error: {what}";
    }

    /// <summary><paramref name="result"/> with each withheld finding's fix taken out and the reason added to its notes.</summary>
    public LintResult Annotate(LintResult result)
    {
        if (_reasons.Count == 0 || !result.Diagnostics.Any(Contains))
        {
            return result;
        }

        var diagnostics = result.Diagnostics.Select(d => Contains(d)
            ? d with { Finding = d.Finding with { Fix = null, Notes = [.. d.Finding.Notes, _reasons[Key.Of(d)]] } }
            : d).ToList();
        return result with { Diagnostics = diagnostics };
    }

    /// <summary>The errors of <paramref name="after"/> that <paramref name="before"/> did not have (the same rule, file and message), syntax errors aside.</summary>
    public static IReadOnlyList<Diagnostic> NewErrors(LintResult before, LintResult after)
    {
        var had = new Dictionary<(string, string, string), int>();
        foreach (var d in before.Diagnostics.Where(IsRuleError))
        {
            var key = (d.RuleId, d.Path, d.Message);
            had[key] = had.GetValueOrDefault(key) + 1;
        }

        var added = new List<Diagnostic>();
        foreach (var d in after.Diagnostics.Where(IsRuleError))
        {
            var key = (d.RuleId, d.Path, d.Message);
            if (had.TryGetValue(key, out var count) && count > 0)
            {
                had[key] = count - 1;
            }
            else
            {
                added.Add(d);
            }
        }

        return added;
    }

    private static bool IsRuleError(Diagnostic d) => d.Severity == Severity.Error && d.RuleId != Linter.SyntaxErrorId;

    /// <summary>A finding across passes: positions move as other fixes apply, the words do not.</summary>
    private readonly record struct Key(string RuleId, string Path, string Message, string Fix)
    {
        public static Key Of(Diagnostic d) => new(d.RuleId, d.Path, d.Message, d.Fix?.Description ?? string.Empty);
    }
}
