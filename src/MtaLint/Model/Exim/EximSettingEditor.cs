using MtaLint.Syntax.Exim;
using MtaLint.Text;

namespace MtaLint.Model.Exim;

/// <summary>
/// Writes an Exim option. A value written in the file is replaced where it is written; a value that
/// comes entirely from one macro is changed in the macro's definition (so the macro keeps meaning
/// what the option uses); an option left at its default is inserted at <see cref="Insertion"/>: the
/// end of the main section, or the end of its driver's block.
/// </summary>
public sealed class EximSettingEditor(MappedText? written, SourceSpan? writtenSpan, EximInsertionPoint? insertion, string indent = "") : ISettingEditor
{
    public EximInsertionPoint? Insertion => insertion;

    public string Describe(string name, string raw) => raw.Length == 0 ? $"{name} =" : $"{name} = {raw}";

    public TextEdit Set(ConfigValue value, string newRaw)
    {
        var text = Escape(newRaw);
        if (MacroDefinitionSpan() is { } macroSpan)
        {
            return TextEdit.Replace(macroSpan, text);
        }

        if (writtenSpan is { } span)
        {
            var file = span.File;
            var needsSpace = span.Span.Length == 0 && span.Span.Start > 0 && file.Text[span.Span.Start - 1] == '=' && text.Length > 0;
            return TextEdit.Replace(span, needsSpace ? " " + text : text);
        }

        if (insertion is null)
        {
            throw new InvalidOperationException($"no place to write {value.Name}: the main section ends inside a conditional");
        }

        var nl = insertion.File.NewLine;
        var line = indent + Describe(value.Name, text) + nl;
        return TextEdit.Insert(insertion.File, insertion.Offset, insertion.NeedsLeadingNewline ? nl + line : line);
    }

    /// <summary>The written value of the macro that gives the whole value, when it is one macro and its definition is written in one piece.</summary>
    public SourceSpan? MacroDefinitionSpan()
    {
        if (written is null || written.Length == 0)
        {
            return null;
        }

        var runs = written.Runs().ToList();
        if (runs.Count != 1 || runs[0].Use is null)
        {
            return null;
        }

        var first = written.OriginAt(0);
        for (var i = 1; i < written.Length; i++)
        {
            var o = written.OriginAt(i);
            if (o.File != first.File || o.Offset != first.Offset + i)
            {
                return null;
            }
        }

        return first.File.Path == "<command line>" ? null : first.File.Span(first.Offset, written.Length);
    }

    /// <summary>Exim values are one logical line: a line break in a new value is written as <c>\n</c>, which the expansion turns back into one.</summary>
    private static string Escape(string raw) => raw.Replace("\r", "\\r").Replace("\n", "\\n");
}
