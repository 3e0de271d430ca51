using MtaLint.Syntax.Postfix;
using MtaLint.Text;

namespace MtaLint.Model.Postfix;

/// <summary>
/// Writes main.cf parameters: replaces the value span of an assignment (keeping <c>name = </c> as
/// written), or appends <c>name = value</c> at the end of main.cf (the insertion point), with the
/// file's own line ending and a line break first when the file lacks a final one.
/// </summary>
internal sealed class PostfixSettingEditor(SourceFile file) : ISettingEditor
{
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
internal sealed class PostfixServiceSettingEditor(SourceFile file, MasterCfEntry entry, MasterCfOverride? existing) : ISettingEditor
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

/// <summary>
/// For a master.cf read without its main.cf: a default shared by several services can only be
/// changed with a <c>-o</c> on each of them. One edit covers them all (the text between the first
/// and the last insertion point is rewritten with the <c>-o</c> lines added), so one fix settles it.
/// </summary>
internal sealed class PostfixServiceGroupSettingEditor(SourceFile file, IReadOnlyList<MasterCfEntry> targets) : ISettingEditor
{
    /// <summary>
    /// Each edit made once: every service of the group asks for the same one (its VRFY, its TLS...),
    /// and each spans the text between the first and the last service, so making it per service
    /// would cost services × file size.
    /// </summary>
    private readonly Dictionary<(string Name, string Raw), TextEdit> _made = [];

    public TextEdit Set(ConfigValue value, string newRaw)
    {
        if (!_made.TryGetValue((value.Name, newRaw), out var edit))
        {
            edit = Make(value, newRaw);
            _made[(value.Name, newRaw)] = edit;
        }

        return edit;
    }

    private TextEdit Make(ConfigValue value, string newRaw)
    {
        var entries = targets.Where(e => !e.Overrides.Any(o => o.Name == value.Name)).ToList();
        if (entries.Count == 0)
        {
            entries = [targets[0]];
        }

        var points = entries.Select(e => e.InsertionPoint).Distinct().Order().ToList();
        var insertion = new PostfixServiceSettingEditor(file, entries[0], null).Set(value, newRaw).NewText;
        if (points.Count == 1)
        {
            return TextEdit.Insert(file, points[0], insertion);
        }

        // The span starts one char before the first point, so that another fix inserting exactly
        // there counts as overlapping (an insertion at the start of a replaced range would be lost).
        var start = Math.Max(0, points[0] - 1);
        var text = new System.Text.StringBuilder();
        text.Append(file.Text, start, points[0] - start);
        for (var i = 0; i < points.Count; i++)
        {
            text.Append(insertion);
            if (i + 1 < points.Count)
            {
                text.Append(file.Text, points[i], points[i + 1] - points[i]);
            }
        }

        return new TextEdit(file, TextSpan.FromBounds(start, points[^1]), text.ToString());
    }

    public string Describe(string name, string raw) => new PostfixServiceSettingEditor(file, targets[0], null).Describe(name, raw);
}
