using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MtaLint.Rules;

namespace MtaLint.Reporting;

/// <summary>
/// Machine-readable output (schema version 1): <c>{"version":1,"diagnostics":[...],"summary":{...}}</c>.
/// Written with <see cref="Utf8JsonWriter"/> unit by unit, so nothing is buffered but the current unit
/// and no reflection-based serializer is loaded.
/// </summary>
public sealed class JsonFormatter : IReportFormatter
{
    public const int SchemaVersion = 1;

    public string Name => "json";

    public string Description => "one JSON document: diagnostics and summary (schema version 1)";

    public IReportWriter Start(TextWriter output, ReportSettings settings) => new Writer(output);

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

        public Writer(TextWriter output)
        {
            _output = output;
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

            Drain();
        }

        public void Finish(RunSummary summary)
        {
            _json.WriteEndArray();
            _json.WriteStartObject("summary");
            _json.WriteNumber("files", summary.FilesChecked);
            _json.WriteNumber("filesWithFindings", summary.FilesWithFindings);
            _json.WriteNumber("errors", summary.Errors);
            _json.WriteNumber("warnings", summary.Warnings);
            _json.WriteNumber("info", summary.Infos);
            _json.WriteNumber("fixable", summary.Fixable);
            _json.WriteNumber("fixableUnsafe", summary.FixableUnsafe);
            _json.WriteNumber("fixed", summary.Fixed);
            _json.WriteNumber("filesFixed", summary.FilesFixed);
            _json.WriteEndObject();
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
        json.WriteEndObject();
    }
}
