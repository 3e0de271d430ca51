using MtaLint.Model;
using MtaLint.Syntax.Templates.Variables;
using MtaLint.Text;

namespace MtaLint.Dialects;

/// <summary>
/// A role default as text a fix may edit: the one-line string a variable's default is in its YAML file, and the minimal
/// edit of that scalar (<see cref="YamlScalarEdit"/>). The fix stage asks here, as it may not read YAML itself.
/// </summary>
public static class RoleDefaultText
{
    /// <summary>The default of <paramref name="variable"/> in <paramref name="yaml"/> when it is a one-line string whose scalar starts at <paramref name="scalarStart"/>; else null.</summary>
    public static string? OneLineString(SourceFile yaml, string variable, int scalarStart) =>
        AnsibleVarsReader.Read(yaml).Find(variable)?.Value is TemplateString { At: { } at } value && at.Span.Start == scalarStart
        && value.Value.AsSpan().IndexOfAny('\n', '\r') < 0
            ? value.Value
            : null;

    /// <summary>The edit that replaces chars [<paramref name="start"/>, <paramref name="end"/>) of the scalar's value with <paramref name="text"/>, or null and why not.</summary>
    public static TextEdit? Edit(SourceFile yaml, int scalarStart, int start, int end, string text, out string? refusal) =>
        YamlScalarEdit.Of(yaml, scalarStart, start, end, text, out refusal) is { } edit ? new TextEdit(yaml, edit.Span, edit.NewText) : null;
}
