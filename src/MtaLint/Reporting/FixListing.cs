using MtaLint.Fixes;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Reporting;

/// <summary>What <c>--show-fixes</c> prints: a fix as the diff it would make, and the fixes a run applied.</summary>
internal static class FixListing
{
    /// <summary>The unified diff of one fix on its files, without the <c>---</c>/<c>+++</c> header lines.</summary>
    public static IEnumerable<string> Preview(Fix fix)
    {
        foreach (var group in fix.Edits.GroupBy(e => e.File.Path, StringComparer.Ordinal))
        {
            var file = group.First().File;
            var after = Fixer.Apply([file], group)[0];
            var diff = UnifiedDiff.Create(file.Path, file.Text, after.Text);
            foreach (var line in diff.Split('\n'))
            {
                if (line.Length == 0 || line.StartsWith("--- ", StringComparison.Ordinal) || line.StartsWith("+++ ", StringComparison.Ordinal))
                {
                    continue;
                }

                yield return line.TrimEnd('\r');
            }
        }
    }

    /// <summary>The fixes applied by a run, per file and rule, with counts.</summary>
    public static void Write(TextWriter output, IReadOnlyList<Diagnostic> applied, Func<string, string> bold)
    {
        output.WriteLine(bold($"Fixed {applied.Count} finding{(applied.Count == 1 ? string.Empty : "s")}:"));
        foreach (var file in applied.GroupBy(d => d.Path, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{EscapedPath.Of(file.Key)}:");
            foreach (var rule in file.GroupBy(d => (d.RuleId, d.RuleName)).OrderBy(g => g.Key.RuleId, StringComparer.Ordinal))
            {
                output.WriteLine($"    {rule.Count()} × {rule.Key.RuleId} ({rule.Key.RuleName})");
            }
        }

        output.WriteLine();
    }
}
