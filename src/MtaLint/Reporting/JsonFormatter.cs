using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MtaLint.Fixes;
using MtaLint.Rules;

namespace MtaLint.Reporting;

/// <summary>
/// Machine-readable output (schema version 1): <c>{"version":1,"diagnostics":[...],"summary":{...}}</c>,
/// with <c>--diff</c> also <c>"changes":[{"file","diff","fixes"}]</c>.
/// Written with <see cref="Utf8JsonWriter"/> unit by unit, so nothing is buffered but the current unit
/// and no reflection-based serializer is loaded.
/// </summary>
internal sealed class JsonFormatter : IReportFormatter
{
    public const int SchemaVersion = 1;

    public string Name => "json";

    public string Description => "one JSON document: diagnostics and summary (schema version 1)";

    public IReportWriter Start(TextWriter output, ReportSettings settings) => new Writer(output, settings.Mode == RunMode.Diff);

    internal static JsonWriterOptions WriterOptions { get; } = new()
    {
        Indented = true,
        // Messages quote config text: keep it readable ("<", "'", non-ASCII) while staying valid JSON.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal static string SeverityName(Severity s) => s switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    private sealed class Writer : IReportWriter
    {
        private const int DrainAt = 64 * 1024;

        private readonly TextWriter _output;
        private readonly MemoryStream _buffer = new();
        private readonly Utf8JsonWriter _json;
        private readonly List<FileDiff> _diffs = [];

        private readonly bool _diff;

        /// <param name="diff">A <c>--diff</c> run: the changes are written after the findings.</param>
        public Writer(TextWriter output, bool diff)
        {
            _output = output;
            _diff = diff;
            _json = new Utf8JsonWriter(_buffer, WriterOptions);
            _json.WriteStartObject();
            _json.WriteNumber("version", SchemaVersion);
            _json.WriteStartArray("diagnostics");
        }

        public void Write(UnitReport unit)
        {
            foreach (var d in unit.Diagnostics)
            {
                WriteDiagnostic(_json, d);
                if (_json.BytesPending + _buffer.Length > DrainAt)
                {
                    Drain(); // a unit of 100,000 findings is not held as one buffer and one string
                }
            }

            _diffs.AddRange(unit.Diffs);
            Drain();
        }

        public void Finish(RunSummary summary)
        {
            _json.WriteEndArray();
            if (_diff)
            {
                _json.WriteStartArray("changes");
                foreach (var diff in _diffs)
                {
                    _json.WriteStartObject();
                    _json.WriteString("file", diff.Before.Path);
                    _json.WriteString("diff", Fixes.UnifiedDiff.Create(diff.Before.Path, diff.Before.Text, diff.After.Text));
                    _json.WriteNumber("fixes", diff.Fixes);
                    _json.WriteEndObject();
                }

                _json.WriteEndArray();
            }

            WriteSummary(_json, summary);
            _json.WriteEndObject();
            Drain();
            _output.WriteLine();
            _json.Dispose();
        }

        private void Drain()
        {
            _json.Flush();
            // Flushed after whole tokens, so a surrogate pair is never cut; bidirectional controls escaped (UnsafeChars).
        _output.Write(Text.UnsafeChars.EscapedInJson(Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length)));
            _buffer.SetLength(0);
        }
    }

    /// <summary>
    /// Line and column of an edit's offset. The end of a file that ends with a line break is the
    /// start of the line after the last (an append to <c>main.cf</c>); <see cref="Text.SourceFile.GetPosition"/>
    /// puts it past the break on the last line, where an editor would clamp it to before the break.
    /// </summary>
    private static Text.LinePosition EditPosition(Text.SourceFile file, int offset) =>
        offset >= file.Text.Length && file.Text.EndsWith('\n') ? new(file.LineCount + 1, 1) : file.GetPosition(offset);

    /// <summary>The <c>summary</c> member every JSON report ends with.</summary>
    internal static void WriteSummary(Utf8JsonWriter json, RunSummary summary)
    {
        json.WriteStartObject("summary");
        json.WriteNumber("files", summary.FilesChecked);
        json.WriteNumber("filesWithFindings", summary.FilesWithFindings);
        json.WriteNumber("filesExcluded", summary.FilesExcluded);
        json.WriteNumber("errors", summary.Errors);
        json.WriteNumber("warnings", summary.Warnings);
        json.WriteNumber("info", summary.Infos);
        json.WriteNumber("fixable", summary.Fixable);
        json.WriteNumber("fixableUnsafe", summary.FixableUnsafe);
        json.WriteNumber("fixed", summary.Fixed);
        json.WriteNumber("filesFixed", summary.FilesFixed);
        json.WriteNumber("wouldFix", summary.WouldFix);
        json.WriteNumber("filesWouldChange", summary.FilesWouldChange);
        json.WriteEndObject();
    }

    internal static void WriteDiagnostic(Utf8JsonWriter json, Diagnostic d)
    {
        json.WriteStartObject();
        json.WriteString("rule", d.RuleId);
        json.WriteString("severity", SeverityName(d.Severity));
        json.WriteString("file", d.Path);
        if (d.Start is { } start && d.End is { } end)
        {
            json.WriteNumber("line", start.Line);
            json.WriteNumber("column", start.Column);
            json.WriteNumber("endLine", end.Line);
            json.WriteNumber("endColumn", end.Column);
        }
        else
        {
            json.WriteNull("line");
            json.WriteNull("column");
            json.WriteNull("endLine");
            json.WriteNull("endColumn");
        }

        json.WriteString("message", d.Message);
        json.WriteBoolean("fixable", d.Fix is { Edits.Count: > 0 });
        if (d.Fix is { Edits.Count: > 0 } fix)
        {
            WriteFix(json, fix);
        }
        else
        {
            json.WriteNull("fix");
        }

        if (d.Finding.Related.Count > 0)
        {
            json.WriteStartArray("related");
            foreach (var related in d.Finding.Related)
            {
                var at = related.Location;
                json.WriteStartObject();
                json.WriteString("file", at.File.Path);
                json.WriteNumber("line", at.Start.Line);
                json.WriteNumber("column", at.Start.Column);
                json.WriteNumber("endLine", at.End.Line);
                json.WriteNumber("endColumn", at.End.Column);
                json.WriteString("message", related.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// The fix as editors and bots apply it (ruff's shape): its applicability, its description and its
    /// edits, each a replacement of the text between two positions of the file as read (1-based, the end
    /// just past the replaced text; start = end for an insertion). An edit names its file: a fix may edit
    /// another file of the unit than the one the finding is in.
    /// </summary>
    private static void WriteFix(Utf8JsonWriter json, Fix fix)
    {
        json.WriteStartObject("fix");
        json.WriteString("applicability", fix.Safety == FixSafety.Safe ? "safe" : "unsafe");
        json.WriteString("message", fix.Description);
        json.WriteStartArray("edits");
        foreach (var edit in fix.Edits)
        {
            var start = EditPosition(edit.File, edit.Span.Start);
            var end = EditPosition(edit.File, edit.Span.End);
            json.WriteStartObject();
            json.WriteString("file", edit.File.Path);
            json.WriteString("content", edit.NewText);
            json.WriteNumber("line", start.Line);
            json.WriteNumber("column", start.Column);
            json.WriteNumber("endLine", end.Line);
            json.WriteNumber("endColumn", end.Column);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
