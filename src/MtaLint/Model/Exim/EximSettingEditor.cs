using MtaLint.Syntax.Exim;
using MtaLint.Text;

namespace MtaLint.Model.Exim;

/// <summary>
/// Writes an Exim option. A value written in the file is replaced where it is written; a value that
/// comes entirely from one macro is changed in the macro's definition (so the macro keeps meaning
/// what the option uses); an option left at its default is inserted at <see cref="Insertion"/>: the
/// end of the main section, or the end of its driver's block.
/// </summary>
internal sealed class EximSettingEditor(
    MappedText? written,
    SourceSpan? writtenSpan,
    EximInsertionPoint? insertion,
    string indent = "",
    IReadOnlyDictionary<EximMacroDefinition, int>? macroUses = null) : ISettingEditor
{
    public string Describe(string name, string raw) => raw.Length == 0 ? $"{name} =" : $"{name} = {raw}";

    public TextEdit Set(ConfigValue value, string newRaw)
    {
        var text = Escape(newRaw);
        if (MacroDefinitionSpan() is { } macroSpan)
        {
            return ReplaceValue(macroSpan, text);
        }

        if (writtenSpan is { } span)
        {
            var file = span.File;
            var needsSpace = span.Span.Length == 0 && span.Span.Start > 0 && file.Text[span.Span.Start - 1] == '=' && text.Length > 0;
            if (text.Length == 0)
            {
                // `name =` rather than `name = ` with a trailing blank.
                var start = span.Span.Start;
                while (start > 0 && file.Text[start - 1] is ' ' or '\t')
                {
                    start--;
                }

                span = file.Span(start, span.Span.End - start);
            }

            return ReplaceValue(span, needsSpace ? " " + text : text);
        }

        if (insertion is null)
        {
            throw new InvalidOperationException($"no place to write {value.Name}: the main section ends inside a conditional");
        }

        var nl = insertion.File.NewLine;
        var line = indent + Describe(value.Name, text) + nl;
        return TextEdit.Insert(insertion.File, insertion.Offset, insertion.NeedsLeadingNewline ? nl + line : line);
    }

    /// <summary>
    /// The written value of the macro definition that gives the whole value, when the value is
    /// exactly one macro, defined in the config, and used nowhere else (editing a shared macro would
    /// change the other options too; then the option's own value is replaced instead).
    /// </summary>
    public SourceSpan? MacroDefinitionSpan()
    {
        if (written is null || written.Length == 0)
        {
            return null;
        }

        var runs = written.Runs().ToList();
        if (runs.Count != 1 || runs[0].Use is not { Definition: { } definition })
        {
            return null;
        }

        if (definition.Value.Text != written.Text || macroUses is null || macroUses.GetValueOrDefault(definition) != 1)
        {
            return null;
        }

        return definition.Value.Length == 0
            ? definition.Line.Text.DisplaySpan(definition.Line.Text.Length, 0)
            : definition.Value.DisplaySpan(0, definition.Value.Length);
    }

    /// <summary>
    /// Replaces a value that may run over continuation lines. Comment and directive lines between
    /// them are kept after the new value: a <c>.endif</c> read in the middle of a continued value
    /// still closes its conditional once the value is one line.
    /// </summary>
    private static TextEdit ReplaceValue(SourceSpan span, string text)
    {
        var source = span.File.Text;
        var nl = span.File.NewLine;
        var kept = new List<string>();
        var lineStart = source.IndexOf('\n', span.Span.Start);
        while (lineStart >= 0 && lineStart + 1 < span.Span.End)
        {
            lineStart++;
            var lineEnd = source.IndexOf('\n', lineStart);
            var line = source[lineStart..(lineEnd < 0 ? source.Length : lineEnd)].TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('.') || trimmed.StartsWith('#'))
            {
                kept.Add(line);
            }

            lineStart = lineEnd;
        }

        return TextEdit.Replace(span, string.Concat(kept.Prepend(text).Select((l, i) => i == 0 ? l : nl + l)));
    }

    /// <summary>Exim values are one logical line: a line break in a new value is written as <c>\n</c>, which the expansion turns back into one.</summary>
    private static string Escape(string raw) => raw.Replace("\r", "\\r").Replace("\n", "\\n");
}
