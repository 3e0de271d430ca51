using System.Text;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Reporting;

/// <summary>
/// Compiler-style output for people: <c>path:line:col: severity[ID] message</c>, the source
/// lines with a gutter and carets under the span, <c>= note</c> lines, the fix, then a summary.
/// </summary>
public sealed class TextFormatter : IReportFormatter
{
    /// <summary>Lines of a multi-line span shown before the rest is elided.</summary>
    public const int MaxSnippetLines = 4;

    public string Name => "text";

    public string Description => "for people: source lines, carets, fixes (default)";

    public IReportWriter Start(TextWriter output, ReportSettings settings) => new Writer(output, settings);

    private sealed class Writer(TextWriter output, ReportSettings settings) : IReportWriter
    {
        private readonly Style _style = new(settings.Color);
        private readonly List<Diagnostic> _applied = [];

        public void Write(UnitReport unit)
        {
            foreach (var d in unit.Diagnostics)
            {
                WriteDiagnostic(d);
            }

            _applied.AddRange(unit.Applied);
        }

        public void Finish(RunSummary summary)
        {
            if (settings.ShowFixes && _applied.Count > 0)
            {
                FixListing.Write(output, _applied, _style.Bold);
            }

            if (settings.Quiet)
            {
                return;
            }

            if (summary.Fixed > 0)
            {
                output.WriteLine(_style.Bold($"Fixed {Plural(summary.Fixed, "finding")} in {Plural(summary.FilesFixed, "file")}."));
            }

            if (summary.Total == 0)
            {
                output.WriteLine(_style.Green("All checks passed"));
                return;
            }

            var counts = new List<string>();
            if (summary.Errors > 0)
            {
                counts.Add(Plural(summary.Errors, "error"));
            }

            if (summary.Warnings > 0)
            {
                counts.Add(Plural(summary.Warnings, "warning"));
            }

            if (summary.Infos > 0)
            {
                counts.Add($"{summary.Infos} info");
            }

            var line = new StringBuilder(string.Join(", ", counts)).Append(" in ").Append(Plural(summary.FilesWithFindings, "file"));
            var unsafeHint = summary.FixableUnsafe > 0 && !settings.UnsafeFixes;
            var fixable = summary.Fixable + (settings.UnsafeFixes ? summary.FixableUnsafe : 0);
            var fixCommand = settings.UnsafeFixes ? "--fix --unsafe-fixes" : "--fix";
            if (fixable > 0 && unsafeHint)
            {
                line.Append($" ({fixable} fixable with {fixCommand}, {summary.FixableUnsafe} more with --unsafe-fixes)");
            }
            else if (fixable > 0)
            {
                line.Append($" ({fixable} fixable with {fixCommand})");
            }
            else if (unsafeHint)
            {
                line.Append($" ({summary.FixableUnsafe} fixable with --fix --unsafe-fixes)");
            }

            output.WriteLine(_style.Bold(line.ToString()));
        }

        private void WriteDiagnostic(Diagnostic d)
        {
            var label = _style.Severity(d.Severity, $"{SeverityName(d.Severity)}[{d.RuleId}]");
            var location = d.Finding.Location;
            if (location is null)
            {
                output.WriteLine($"{_style.Bold(EscapedPath.Of(d.Path) + ":")} {label} {_style.Bold(Printable(d.Message))}");
                WriteNotes(d, 3);
                output.WriteLine();
                return;
            }

            var start = location.Start;
            var end = location.End;
            var lastLine = Math.Min(end.Line, start.Line + MaxSnippetLines - 1);
            if (end.Line > start.Line && end.Column == 1)
            {
                lastLine = Math.Max(start.Line, Math.Min(lastLine, end.Line - 1)); // the span ends with a line break
            }

            var width = lastLine.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
            output.WriteLine($"{_style.Bold($"{EscapedPath.Of(d.Path)}:{start.Line}:{start.Column}:")} {label} {_style.Bold(Printable(d.Message))}");
            var emptyGutter = _style.Gutter(new string(' ', width + 1) + " |");
            output.WriteLine(emptyGutter);
            var file = location.File;
            for (var line = start.Line; line <= lastLine; line++)
            {
                var text = file.GetLineText(line);
                var from = line == start.Line ? start.Column - 1 : LeadingBlanks(text);
                var to = line == end.Line ? Math.Min(end.Column - 1, text.Length) : text.Length;
                (text, from, to) = Window(text, Math.Min(from, text.Length), to);
                var number = line.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width);
                output.WriteLine($"{_style.Gutter($" {number} |")} {Printable(text)}");
                var carets = Math.Max(1, to - from);
                output.WriteLine($"{emptyGutter} {Indent(text, from)}{_style.Severity(d.Severity, new string('^', carets))}");
            }

            if (lastLine < end.Line && !(end.Line == lastLine + 1 && end.Column == 1))
            {
                output.WriteLine(_style.Gutter(new string(' ', width + 1) + " ...") );
            }

            WriteNotes(d, width + 2);
            output.WriteLine();
        }

        private void WriteNotes(Diagnostic d, int indent)
        {
            var pad = new string(' ', indent);
            foreach (var note in d.Finding.Notes)
            {
                output.WriteLine($"{pad}{_style.Gutter("=")} {Printable(note)}");
            }

            if (d.Fix is { } fix)
            {
                var safety = fix.Safety == FixSafety.Safe ? "safe" : "unsafe";
                output.WriteLine($"{pad}{_style.Gutter("=")} {_style.Bold($"fix ({safety}):")} {Printable(fix.Description)}");
                if (settings.ShowFixes)
                {
                    foreach (var line in FixListing.Preview(fix))
                    {
                        output.WriteLine($"{pad}  {ColoredDiffLine(line, settings.Color)}");
                    }
                }
            }
        }

        private static string SeverityName(Severity s) => s switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "info",
        };
    }

    /// <summary>A unified diff line in git's colours (header bold, hunk cyan, removal red, addition green).</summary>
    public static string ColoredDiffLine(string line, bool color)
    {
        // A CRLF file's diff lines keep their CR (the patch must apply); it is not a control char to hide.
        var cr = line.EndsWith('\r') ? "\r" : string.Empty;
        line = cr.Length > 0 ? line[..^1] : line;
        if (!color || line.Length == 0)
        {
            return Printable(line) + cr;
        }

        var code = line.StartsWith("---", StringComparison.Ordinal) || line.StartsWith("+++", StringComparison.Ordinal) ? "1"
            : line.StartsWith("@@", StringComparison.Ordinal) ? "36"
            : line[0] == '-' ? "31"
            : line[0] == '+' ? "32"
            : null;
        return (code is null ? Printable(line) : $"\u001b[{code}m{Printable(line)}\u001b[0m") + cr;
    }

    private static string Plural(int n, string word) => $"{n} {word}{(n == 1 ? string.Empty : "s")}";

    private static int LeadingBlanks(string text)
    {
        var i = 0;
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }

    /// <summary>Longest source line shown whole; a longer one (a 4 MB line) is shown around the span.</summary>
    private const int MaxShownLine = 1000;

    /// <summary>The part of a long line around <paramref name="from"/>, with "..." where it is cut, and the span's bounds in it.</summary>
    private static (string Text, int From, int To) Window(string text, int from, int to)
    {
        if (text.Length <= MaxShownLine)
        {
            return (text, from, to);
        }

        var start = Math.Max(0, Math.Min(from - 80, text.Length - MaxShownLine));
        var end = start + MaxShownLine;
        var prefix = start > 0 ? "..." : string.Empty;
        var shown = prefix + text[start..end] + (end < text.Length ? "..." : string.Empty);
        return (shown, prefix.Length + Math.Clamp(from - start, 0, MaxShownLine), prefix.Length + Math.Clamp(to - start, 0, MaxShownLine));
    }

    /// <summary>Blanks that keep carets under the right chars: tabs stay tabs, everything else is a space.</summary>
    private static string Indent(string text, int length)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length && i < text.Length; i++)
        {
            sb.Append(text[i] == '\t' ? '\t' : ' ');
        }

        return sb.ToString();
    }

    /// <summary>Control chars from a config (a stray ESC) must not drive the user's terminal; one char each keeps carets aligned.</summary>
    public static string Printable(string text)
    {
        if (!text.Any(IsControl))
        {
            return text;
        }

        return string.Create(text.Length, text, (span, t) =>
        {
            for (var i = 0; i < t.Length; i++)
            {
                span[i] = IsControl(t[i]) ? '\uFFFD' : t[i];
            }
        });
    }

    private static bool IsControl(char c) => c != '\t' && (c < ' ' || c == '\u007F' || c is >= '\u0080' and < '\u00A0');

    /// <summary>ANSI colours, or none.</summary>
    private sealed class Style(bool color)
    {
        public string Bold(string s) => Wrap("1", s);

        public string Green(string s) => Wrap("1;32", s);

        public string Gutter(string s) => Wrap("1;34", s);

        public string Severity(Rules.Severity severity, string s) => Wrap(severity switch
        {
            Rules.Severity.Error => "1;31",
            Rules.Severity.Warning => "1;33",
            _ => "1;36",
        }, s);

        private string Wrap(string code, string s) => color ? $"\u001b[{code}m{s}\u001b[0m" : s;
    }
}
