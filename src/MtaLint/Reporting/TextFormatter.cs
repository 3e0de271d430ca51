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

    /// <summary>Source lines up to this long are shown whole; of longer ones, only the part around the span.</summary>
    public const int MaxLineShown = 1000;

    /// <summary>Chars shown either side of the span on a line longer than <see cref="MaxLineShown"/>.</summary>
    public const int ExcerptMargin = 100;

    public string Name => "text";

    public string Description => "for people: source lines, carets, fixes (default)";

    public IReportWriter Start(TextWriter output, ReportSettings settings) => new Writer(output, settings);

    private sealed class Writer(TextWriter output, ReportSettings settings) : IReportWriter
    {
        private readonly Style _style = new(settings.Color);
        private readonly List<Diagnostic> _applied = [];

        public void Write(UnitReport unit)
        {
            if (!settings.Quiet && unit.Notes.Count > 0)
            {
                foreach (var note in unit.Notes)
                {
                    output.WriteLine(_style.Dim(note));
                }

                output.WriteLine();
            }

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

            // What was looked at, then what was found: "3 files checked, 1 with findings: 2 warnings".
            var files = Plural(summary.FilesChecked, "file") + " checked"
                + (summary.FilesExcluded > 0 ? $" ({summary.FilesExcluded} excluded by .mtalint.yaml)" : string.Empty);
            if (summary.Total == 0 && !settings.CountFiles)
            {
                output.WriteLine(_style.Green("All checks passed"));
                return;
            }

            if (summary.Total == 0)
            {
                output.WriteLine(summary.FilesChecked == 0
                    ? _style.Bold(summary.FilesExcluded > 0 ? $"No files checked: {Plural(summary.FilesExcluded, "file")} excluded by .mtalint.yaml" : "No files checked")
                    : _style.Green($"All checks passed: {files}"));
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

            var line = new StringBuilder(settings.CountFiles ? $"{files}, {summary.FilesWithFindings} with findings: " : string.Empty).Append(string.Join(", ", counts));
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

            foreach (var part in Wrap(line.ToString(), 0, 0))
            {
                output.WriteLine(_style.Bold(part));
            }
        }

        private void WriteDiagnostic(Diagnostic d)
        {
            var label = _style.Severity(d.Severity, $"{SeverityName(d.Severity)}[{d.RuleId}]");
            var location = d.Finding.Location;
            if (location is null)
            {
                WriteHeader(EscapedPath.Of(d.Path) + ":", d, label);
                WriteNotes(d, 3);
                output.WriteLine();
                return;
            }

            var start = location.Start;
            if (location.File.IsWithheld)
            {
                // The position, not the content: the file lies outside the linted tree (its note says so).
                output.WriteLine($"{_style.Bold($"{EscapedPath.Of(d.Path)}:{start.Line}:{start.Column}:")} {label} {_style.Bold(Printable(d.Message))}");
                WriteNotes(d, 3);
                output.WriteLine();
                return;
            }

            var end = location.End;
            var lastLine = Math.Min(end.Line, start.Line + MaxSnippetLines - 1);
            if (end.Line > start.Line && end.Column == 1)
            {
                lastLine = Math.Max(start.Line, Math.Min(lastLine, end.Line - 1)); // the span ends with a line break
            }

            var width = lastLine.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
            WriteHeader($"{EscapedPath.Of(d.Path)}:{start.Line}:{start.Column}:", d, label);
            var emptyGutter = _style.Gutter(new string(' ', width + 1) + " |");
            output.WriteLine(emptyGutter);
            var file = location.File;
            for (var line = start.Line; line <= lastLine; line++)
            {
                var lineSpan = file.GetLineSpan(line);
                var (lineStart, length) = (lineSpan.Start, lineSpan.Length);
                var from = line == start.Line ? start.Column - 1 : LeadingBlanks(file.Text, lineStart, length);
                var to = line == end.Line ? Math.Min(end.Column - 1, length) : length;
                from = Math.Min(from, length);
                var (text, caretFrom, shownTo) = Excerpt(file.Text, lineStart, length, from, to);
                var number = line.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width);
                output.WriteLine($"{_style.Gutter($" {number} |")} {Printable(text)}");
                var carets = Math.Max(1, shownTo - from);
                output.WriteLine($"{emptyGutter} {Indent(text, caretFrom)}{_style.Severity(d.Severity, new string('^', carets))}");
            }

            if (lastLine < end.Line && !(end.Line == lastLine + 1 && end.Column == 1))
            {
                output.WriteLine(_style.Gutter(new string(' ', width + 1) + " ...") );
            }

            WriteNotes(d, width + 2);
            output.WriteLine();
        }

        /// <summary><c>path:line:col: severity[ID] message</c>; on a terminal, the message wrapped at words to its width, continued 4 columns in.</summary>
        private void WriteHeader(string location, Diagnostic d, string label)
        {
            var prefix = $"{location} {SeverityName(d.Severity)}[{d.RuleId}] ";
            var message = Printable(d.Message);
            var firstWord = message.IndexOf(' ') is var space and >= 0 ? space : message.Length;
            if (settings.Width is { } width && prefix.Length + message.Length > width
                && (width - prefix.Length < Math.Min(MinFirstLine, width / 3) || prefix.Length + firstWord > width))
            {
                // A long path leaves no room on its line, or the first word does not fit there: the whole message goes below it.
                output.WriteLine($"{_style.Bold(location)} {label}");
                foreach (var line in Wrap(message, ContinuationIndent, ContinuationIndent))
                {
                    output.WriteLine(new string(' ', ContinuationIndent) + _style.Bold(line));
                }

                return;
            }

            var lines = Wrap(message, prefix.Length, ContinuationIndent);
            output.WriteLine($"{_style.Bold(location)} {label} {_style.Bold(lines[0])}");
            for (var i = 1; i < lines.Count; i++)
            {
                output.WriteLine(new string(' ', ContinuationIndent) + _style.Bold(lines[i]));
            }
        }

        /// <summary>Where a wrapped message goes on: far enough in to be read as part of the finding above.</summary>
        private const int ContinuationIndent = 4;

        /// <summary>Room a message needs beside its location to start there rather than below it.</summary>
        private const int MinFirstLine = 24;

        /// <summary>The lines of <paramref name="text"/> after a prefix of <paramref name="prefixLength"/> columns, continued at <paramref name="indent"/>; one line without a width.</summary>
        private List<string> Wrap(string text, int prefixLength, int indent) => settings.Width is { } width
            ? WordWrap.Lines(text, width - prefixLength, width - indent)
            : [text];

        /// <summary>An <c>= note</c> line, wrapped to continue under the note's text.</summary>
        private void WriteNote(string pad, string head, int headLength, string text)
        {
            var lines = Wrap(text, pad.Length + 2 + headLength, pad.Length + 2);
            output.WriteLine($"{pad}{_style.Gutter("=")} {head}{lines[0]}");
            for (var i = 1; i < lines.Count; i++)
            {
                output.WriteLine($"{pad}  {lines[i]}");
            }
        }

        private void WriteNotes(Diagnostic d, int indent)
        {
            var pad = new string(' ', indent);
            foreach (var note in d.Finding.Notes)
            {
                WriteNote(pad, string.Empty, 0, Printable(note));
            }

            foreach (var related in d.Finding.Related)
            {
                WriteNote(pad, string.Empty, 0, Printable($"{related.Location.File.Path}:{related.Location.Start}: {related.Message}"));
            }

            if (d.Fix is { } fix)
            {
                var safety = fix.Safety == FixSafety.Safe ? "safe" : "unsafe";
                var head = $"fix ({safety}): ";
                WriteNote(pad, _style.Bold(head.TrimEnd()) + " ", head.Length, Printable(fix.Description));
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

    /// <summary>
    /// The part of a line to show and where the span starts in it: the whole line, or for a line
    /// longer than <see cref="MaxLineShown"/> the span with <see cref="ExcerptMargin"/> chars either
    /// side, marked "…" where cut. Each finding on a megabyte line printed all of it, so the output
    /// (and the time) grew with findings times line length.
    /// </summary>
    /// <remarks>A span itself longer than the margin (an unreadable 4 KB line) is cut after the margin too: <c>ShownTo</c> is where its carets end.</remarks>
    private static (string Text, int SpanStart, int ShownTo) Excerpt(string fileText, int lineStart, int length, int from, int to)
    {
        if (length <= MaxLineShown)
        {
            return (fileText.Substring(lineStart, length), from, to);
        }

        var shownTo = Math.Min(Math.Max(to, from + 1), from + ExcerptMargin);
        var start = Math.Max(0, from - ExcerptMargin);
        var end = Math.Min(length, shownTo + ExcerptMargin);
        var head = start > 0 ? "…" : string.Empty;
        return (string.Concat(head, fileText.AsSpan(lineStart + start, end - start), end < length ? "…" : string.Empty), from - start + head.Length, Math.Min(shownTo, to));
    }

    private static int LeadingBlanks(string text, int start, int length)
    {
        var i = 0;
        while (i < length && text[start + i] is ' ' or '\t')
        {
            i++;
        }

        return i;
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

    /// <summary>Control chars from a config (a stray ESC) must not drive the user's terminal; one char each keeps carets aligned (<see cref="UnsafeChars"/>).</summary>
    public static string Printable(string text) => UnsafeChars.Replaced(text);

    /// <summary>ANSI colours, or none.</summary>
    private sealed class Style(bool color)
    {
        public string Bold(string s) => Wrap("1", s);

        public string Green(string s) => Wrap("1;32", s);

        public string Dim(string s) => Wrap("2", s);

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
