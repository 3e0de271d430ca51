using System.Text.RegularExpressions;

namespace MtaLint.Workspace;

/// <summary>
/// Recognises configuration templates (Jinja, ERB, autoconf <c>.in</c>): their placeholders are not
/// settings, so linting or fixing them would report and rewrite text the template engine replaces.
/// Debian's <c>exim4.conf.template</c> is a real config despite its name and is not matched.
/// </summary>
public static partial class TemplateDetector
{
    private static readonly string[] Suffixes = [".j2", ".jinja", ".jinja2", ".tpl", ".tmpl", ".erb", ".in"];

    /// <summary>Whether the name ends in a template suffix, or the start of the content has template markers.</summary>
    public static bool IsTemplate(string path, string head) =>
        HasTemplateName(path) || HasTemplateMarkers(head);

    public static bool HasTemplateName(string path)
    {
        var name = Path.GetFileName(path);
        return Suffixes.Any(s => name.Length > s.Length && name.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Markers need the engine's usual spacing (<c>{{ var }}</c>, <c>{% if %}</c>, <c>&lt;%= x %&gt;</c>) so
    /// Exim's brace-heavy expansions such as <c>${if and{{def:h_x:}{...}}}</c> never count as Jinja.
    /// </summary>
    public static bool HasTemplateMarkers(string head) => Markers().IsMatch(head);

    [GeneratedRegex(@"\{\{-?\s+[^{}\r\n]*?\s+-?\}\}|\{%-?\s+[a-z]+\b[^\r\n]*?%\}|<%[=#-]?\s[^\r\n]*?%>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Markers();
}
