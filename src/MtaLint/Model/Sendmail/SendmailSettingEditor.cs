using MtaLint.Text;

namespace MtaLint.Model.Sendmail;

/// <summary>Where a new <c>define</c> goes: before the first top-level <c>MAILER(</c>, else at the end of the file.</summary>
internal sealed record McInsertionPoint(SourceFile File, int Offset, string Prefix)
{
    public static McInsertionPoint Find(Syntax.Sendmail.McDocument document)
    {
        var file = document.File;
        var text = file.Text;
        var mailer = document.Nodes.OfType<Syntax.Sendmail.M4Call>().FirstOrDefault(c => c.Name == "MAILER");
        if (mailer is not null)
        {
            var lineStart = file.GetLineStart(file.GetPosition(mailer.Span.Start).Line);
            var onlyBlanksBefore = text.AsSpan(lineStart, mailer.Span.Start - lineStart).IsWhiteSpace();
            // Mid-line, the define's own `dnl' eats the line break we add, so MAILER keeps its place.
            return new McInsertionPoint(file, onlyBlanksBefore ? lineStart : mailer.Span.Start, string.Empty);
        }

        var needsBreak = text.Length > 0 && text[^1] != '\n';
        return new McInsertionPoint(file, text.Length, needsBreak ? file.NewLine : string.Empty);
    }

    /// <summary>
    /// This point, or the start of the line after <paramref name="definedBy"/> when that comes later:
    /// a define placed before the call that sets the value (an OSTYPE after MAILER) would be overridden.
    /// </summary>
    public McInsertionPoint After(SourceSpan? definedBy)
    {
        if (definedBy is null || definedBy.Span.End <= Offset)
        {
            return this;
        }

        var end = McSpans.WholeLine(definedBy).Span.End;
        var text = File.Text;
        if (end < text.Length && text[end - 1] != '\n')
        {
            // Something else follows the call on its line: go to the next line start.
            var newline = text.IndexOf('\n', end);
            end = newline < 0 ? text.Length : newline + 1;
        }

        var needsBreak = end == text.Length && text.Length > 0 && text[^1] != '\n';
        return new McInsertionPoint(File, end, needsBreak ? File.NewLine : string.Empty);
    }

    public TextEdit InsertDefine(string name, string raw) =>
        TextEdit.Insert(File, Offset, Prefix + SendmailSettingEditor.DefineText(name, raw) + "dnl" + File.NewLine);
}

/// <summary>
/// Writes a sendmail-cf setting: the value of its <c>define</c> in place (keeping its quotes), or a new
/// <c>define(`name', `value')dnl</c> line at the insertion point when the value is sendmail-cf's.
/// </summary>
internal sealed class SendmailSettingEditor(McInsertionPoint insertion, bool valueQuoted) : ISettingEditor
{
    public TextEdit Set(ConfigValue value, string newRaw) => value.ValueSpan is { } span
        ? TextEdit.Replace(span, valueQuoted ? newRaw : "`" + newRaw + "'")
        : insertion.InsertDefine(value.Name, newRaw);

    public string Describe(string name, string raw) => DefineText(name, raw);

    public static string DefineText(string name, string raw) => $"define(`{name}', `{raw}')";
}

/// <summary>
/// Edits a sendmail-cf macro call that is itself the setting (<c>FEATURE(`promiscuous_relay')</c>):
/// setting it to an empty value removes the call and the rest of its line.
/// </summary>
internal sealed class SendmailCallSettingEditor : ISettingEditor
{
    public TextEdit Set(ConfigValue value, string newRaw)
    {
        var span = value.SettingSpan ?? throw new InvalidOperationException($"{value.Name} has no call to edit");
        return newRaw.Length == 0
            ? TextEdit.Delete(McSpans.WholeLine(span))
            : TextEdit.Replace(span, newRaw);
    }

    public string Describe(string name, string raw) => raw.Length == 0 ? $"remove {name}" : raw;
}

/// <summary>Span arithmetic on .mc text.</summary>
internal static class McSpans
{
    /// <summary>
    /// The call with what m4 treats as part of its line: a trailing <c>dnl</c> comment and the line
    /// break, and the indentation before it when it starts the line. What deleting a define removes.
    /// </summary>
    public static SourceSpan WholeLine(SourceSpan call)
    {
        var text = call.File.Text;
        var start = call.Span.Start;
        var lineStart = call.File.GetLineStart(call.Start.Line);
        if (text.AsSpan(lineStart, start - lineStart).IsWhiteSpace())
        {
            start = lineStart;
        }

        var end = call.Span.End;
        var lineEnd = text.IndexOf('\n', end);
        var rest = text.AsSpan(end, (lineEnd < 0 ? text.Length : lineEnd) - end);
        if (rest.IsWhiteSpace() || rest.TrimStart().StartsWith("dnl", StringComparison.Ordinal))
        {
            end = lineEnd < 0 ? text.Length : lineEnd + 1;
        }

        return call.File.Span(start, end - start);
    }
}
