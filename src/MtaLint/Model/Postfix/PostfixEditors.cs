using MtaLint.Syntax.Postfix;
using MtaLint.Text;

namespace MtaLint.Model.Postfix;

/// <summary>
/// Writes main.cf parameters: replaces the value span of an assignment (keeping <c>name = </c> as
/// written), or appends <c>name = value</c> at the end of main.cf (the insertion point), with the
/// file's own line ending and a line break first when the file lacks a final one.
/// </summary>
public sealed class MainCfEditor(SourceFile file) : ISettingEditor
{
    public SourceFile File => file;

    public TextEdit Set(ConfigValue value, string newRaw)
    {
        if (value.ValueSpan is { } span && span.File.Path == file.Path)
        {
            if (span.Span.Length == 0 && span.Span.Start > 0 && file.Text[span.Span.Start - 1] == '=' && newRaw.Length > 0)
            {
                return TextEdit.Insert(file, span.Span.Start, " " + newRaw);
            }

            return TextEdit.Replace(span, newRaw);
        }

        var text = file.Text;
        var prefix = text.Length > 0 && !text.EndsWith('\n') ? file.NewLine : string.Empty;
        return TextEdit.Insert(file, text.Length, prefix + Describe(value.Name, newRaw) + file.NewLine);
    }

    public string Describe(string name, string raw) => raw.Length == 0 ? name + " =" : $"{name} = {raw}";
}

/// <summary>
/// Writes a parameter of one master.cf service: edits inside its <c>-o</c> (switching to the
/// <c>-o { name = value }</c> form when the new value has blanks), or adds a <c>-o</c> line to the
/// entry when it has none and there is no main.cf to write to.
/// </summary>
public sealed class MasterCfEditor(SourceFile file, MasterCfEntry entry, MasterCfOverride? existing) : ISettingEditor
{
    public TextEdit Set(ConfigValue value, string newRaw)
    {
        var hasBlanks = newRaw.Any(c => c is ' ' or '\t');
        if (existing is not null)
        {
            if (existing.IsBraced || !hasBlanks)
            {
                return new TextEdit(file, existing.ValueSpan, newRaw);
            }

            return new TextEdit(file, existing.ValueToken.Span, Braced(existing.Name, newRaw));
        }

        var indent = "  -o ";
        return TextEdit.Insert(file, entry.InsertionPoint, file.NewLine + indent + (hasBlanks ? Braced(value.Name, newRaw) : value.Name + "=" + newRaw));
    }

    public string Describe(string name, string raw) =>
        raw.Any(c => c is ' ' or '\t') ? "-o " + Braced(name, raw) : $"-o {name}={raw}";

    private static string Braced(string name, string raw) => $"{{ {name} = {raw} }}";
}
