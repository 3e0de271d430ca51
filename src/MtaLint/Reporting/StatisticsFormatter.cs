using System.Globalization;
using MtaLint.Rules;

namespace MtaLint.Reporting;

/// <summary>
/// <c>--statistics</c>: one line per rule with its count, most frequent first, <c>[*]</c> when
/// every finding of the rule has a fix (<c>[-]</c> when some have); a quick view of a large config tree.
/// With <c>--format json</c> the same counts as <c>{"version":1,"statistics":[...],"summary":{...}}</c>.
/// </summary>
/// <param name="json">Write the counts as a JSON report instead of text lines.</param>
public sealed class StatisticsFormatter(bool json = false) : IReportFormatter
{
    /// <summary>The formats <c>--statistics</c> can be written in.</summary>
    public static readonly string[] Formats = ["text", "json"];

    public string Name => "statistics";

    public string Description => "a count per rule";

    public IReportWriter Start(TextWriter output, ReportSettings settings) => new Writer(output, json);

    private sealed class Writer(TextWriter output, bool json) : IReportWriter
    {
        private readonly Dictionary<string, Row> _rules = new(StringComparer.Ordinal);

        public void Write(UnitReport unit)
        {
            foreach (var d in unit.Diagnostics)
            {
                var entry = _rules.TryGetValue(d.RuleId, out var seen) ? seen : new Row(d.RuleName, d.Severity, 0, 0);
                _rules[d.RuleId] = new Row(entry.Name, (Severity)Math.Max((int)entry.Severity, (int)d.Severity), entry.Count + 1, entry.Fixable + (d.Fix is { Edits.Count: > 0 } ? 1 : 0));
            }
        }

        public void Finish(RunSummary summary)
        {
            var rows = _rules.OrderByDescending(r => r.Value.Count).ThenBy(r => r.Key, StringComparer.Ordinal).ToArray();
            if (json)
            {
                WriteJson(rows, summary);
                return;
            }

            var width = rows.Length == 0 ? 1 : rows.Max(r => r.Value.Count.ToString(CultureInfo.InvariantCulture).Length);
            var nameWidth = rows.Length == 0 ? 0 : rows.Max(r => r.Value.Name.Length);
            foreach (var (id, (name, severity, count, fixable)) in rows)
            {
                var mark = fixable == count ? "[*]" : fixable > 0 ? "[-]" : "   ";
                output.WriteLine($"{count.ToString(CultureInfo.InvariantCulture).PadLeft(width)}\t{id}\t{mark} {name.PadRight(nameWidth)}  {JsonFormatter.SeverityName(severity)}");
            }

            if (rows.Length > 0)
            {
                output.WriteLine($"Found {summary.Total} finding{(summary.Total == 1 ? string.Empty : "s")} in {summary.FilesWithFindings} file{(summary.FilesWithFindings == 1 ? string.Empty : "s")} ({summary.FilesChecked} checked); [*] fixable with --fix or --unsafe-fixes.");
            }
        }

        private void WriteJson(KeyValuePair<string, Row>[] rows, RunSummary summary) => JsonOutput.Write(output, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("version", JsonFormatter.SchemaVersion);
            w.WriteStartArray("statistics");
            foreach (var (id, (name, severity, count, fixable)) in rows)
            {
                w.WriteStartObject();
                w.WriteString("rule", id);
                w.WriteString("name", name);
                w.WriteString("severity", JsonFormatter.SeverityName(severity));
                w.WriteNumber("count", count);
                w.WriteNumber("fixable", fixable);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            JsonFormatter.WriteSummary(w, summary);
            w.WriteEndObject();
        });
    }

    private readonly record struct Row(string Name, Severity Severity, int Count, int Fixable);
}
