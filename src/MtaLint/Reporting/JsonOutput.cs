using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MtaLint.Reporting;

/// <summary>Writes JSON documents to a <see cref="TextWriter"/> with the settings every mtalint JSON output shares.</summary>
internal static class JsonOutput
{
    // Readable non-ASCII (host names, messages); the output is never embedded in HTML. What the relaxed
    // encoder leaves raw but must not reach a terminal (bidirectional controls) is escaped after it.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        output.Write(Text.UnsafeChars.EscapedInJson(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)));
        output.Write('\n');
    }
}
