using System.Text;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Reporting;

/// <summary>
/// GitHub Actions workflow commands (<c>--format github</c>): each finding becomes an
/// <c>::error</c>/<c>::warning</c>/<c>::notice</c> annotation on the file and line in the pull request.
/// </summary>
internal sealed class GitHubFormatter(ReportPaths paths) : IReportFormatter
{
    public GitHubFormatter()
        : this(ReportPaths.FromCurrentDirectory())
    {
    }

    public string Name => "github";

    public string Description => "GitHub Actions workflow commands: annotations on the pull request";

    public IReportWriter Start(TextWriter output, ReportSettings settings) => new Writer(this, output);

    /// <summary>One workflow command line for a finding.</summary>
    public string Command(Diagnostic d)
    {
        var command = d.Severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "notice",
        };
        // The log shows the command as it is: what a config or a file name holds must not drive the
        // terminal of whoever reads it (UnsafeChars), and GitHub's escapes cover only %, CR and LF.
        var properties = new List<(string Key, string Value)> { ("file", EscapedPath.Of(paths.Relative(d.Path))) };
        if (d.Finding.Location is { } location)
        {
            var start = location.Start;

            // GitHub wants the last annotated column inclusive; a span that ends with its
            // line break ends on the line's last char.
            var lastOffset = Math.Max(location.Span.Start, location.Span.End - 1);
            var text = location.File.Text;
            while (lastOffset > location.Span.Start && lastOffset < text.Length && text[lastOffset] is '\n' or '\r')
            {
                lastOffset--;
            }

            var last = location.File.GetPosition(lastOffset);
            properties.Add(("line", start.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (last.Line != start.Line)
            {
                properties.Add(("endLine", last.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            else
            {
                // Columns only count when the annotation is on one line (GitHub's rule).
                properties.Add(("col", start.Column.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                properties.Add(("endColumn", Math.Max(start.Column, last.Column).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        properties.Add(("title", UnsafeChars.Replaced($"{d.RuleId} {d.RuleName}")));
        var message = new StringBuilder(UnsafeChars.Replaced(d.Message));
        foreach (var note in d.Finding.Notes)
        {
            message.Append('\n').Append(UnsafeChars.Replaced(note));
        }

        // An annotation has one place: a second one (the YAML line of a role default) is said in the message.
        foreach (var related in d.Finding.Related)
        {
            message.Append('\n').Append(paths.At(related));
        }

        if (d.Fix is { } fix)
        {
            message.Append('\n').Append("fix (").Append(fix.Safety == FixSafety.Safe ? "safe" : "unsafe").Append("): ").Append(UnsafeChars.Replaced(fix.Description));
        }

        var props = string.Join(',', properties.Select(p => p.Key + "=" + EscapeProperty(p.Value)));
        return $"::{command} {props}::{EscapeData(message.ToString())}";
    }

    private sealed class Writer(GitHubFormatter formatter, TextWriter output) : IReportWriter
    {
        public void Write(UnitReport unit)
        {
            foreach (var d in unit.Diagnostics)
            {
                output.Write(formatter.Command(d));
                output.Write('\n');
            }
        }

        public void Finish(RunSummary summary)
        {
        }
    }

    /// <summary>Escapes a command's message (GitHub's <c>escapeData</c>): <c>%</c>, CR, LF.</summary>
    public static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>Escapes a property value (GitHub's <c>escapeProperty</c>): as data, plus <c>:</c> and <c>,</c>.</summary>
    public static string EscapeProperty(string value) =>
        EscapeData(value)
            .Replace(":", "%3A", StringComparison.Ordinal)
            .Replace(",", "%2C", StringComparison.Ordinal);
}
