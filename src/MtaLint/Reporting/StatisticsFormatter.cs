using MtaLint.Rules;

namespace MtaLint.Reporting;

/// <summary>
/// <c>--statistics</c>: one line per rule with its count, most frequent first, <c>[*]</c> when
/// every finding of the rule has a fix (<c>[-]</c> when some have); a quick view of a large config tree.
/// </summary>
public sealed class StatisticsFormatter : IReportFormatter
{
    public string Name => "statistics";

    public string Description => "a count per rule";

    public IReportWriter Start(TextWriter output, ReportSettings settings) => new Writer(output);

    private sealed class Writer(TextWriter output) : IReportWriter
    {
        private readonly Dictionary<string, (string Name, Severity Severity, int Count, int Fixable)> _rules = new(StringComparer.Ordinal);

        public void Write(UnitReport unit)
        {
            foreach (var d in unit.Diagnostics)
            {
                var entry = _rules.TryGetValue(d.RuleId, out var seen) ? seen : (Name: d.RuleName, Severity: d.Severity, Count: 0, Fixable: 0);
                _rules[d.RuleId] = (entry.Name, (Severity)Math.Max((int)entry.Severity, (int)d.Severity), entry.Count + 1, entry.Fixable + (d.Fix is { Edits.Count: > 0 } ? 1 : 0));
            }
        }

        public void Finish(RunSummary summary)
        {
            var rows = _rules.OrderByDescending(r => r.Value.Count).ThenBy(r => r.Key, StringComparer.Ordinal).ToArray();
            var width = rows.Length == 0 ? 1 : rows.Max(r => r.Value.Count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
            var nameWidth = rows.Length == 0 ? 0 : rows.Max(r => r.Value.Name.Length);
            foreach (var (id, (name, severity, count, fixable)) in rows)
            {
                var mark = fixable == count ? "[*]" : fixable > 0 ? "[-]" : "   ";
                var level = severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "info" };
                output.WriteLine($"{count.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width)}\t{id}\t{mark} {name.PadRight(nameWidth)}  {level}");
            }

            if (rows.Length > 0)
            {
                output.WriteLine($"Found {summary.Total} finding{(summary.Total == 1 ? string.Empty : "s")} in {summary.FilesWithFindings} file{(summary.FilesWithFindings == 1 ? string.Empty : "s")}; [*] fixable with --fix or --unsafe-fixes.");
            }
        }
    }
}
