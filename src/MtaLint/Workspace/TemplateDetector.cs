using System.Text.RegularExpressions;

namespace MtaLint.Workspace;

/// <summary>
/// Recognises configuration templates (Jinja, ERB, Puppet EPP, autoconf <c>.in</c>): their placeholders are not
/// settings, so linting or fixing them would report and rewrite text the template engine replaces.
/// Debian's <c>exim4.conf.template</c> is a real config despite its name and is not matched.
/// </summary>
public static partial class TemplateDetector
{
    private static readonly string[] Suffixes = [".j2", ".jinja", ".jinja2", ".tpl", ".tmpl", ".erb", ".epp", ".in"];

    public static bool HasTemplateName(string path) => WithoutTemplateSuffix(path) is not null;

    /// <summary>The path without its template suffix (<c>exim4.conf.j2</c> → <c>exim4.conf</c>), the config it renders; null when it has none.</summary>
    public static string? WithoutTemplateSuffix(string path)
    {
        var name = Path.GetFileName(path);
        var suffix = Suffixes.FirstOrDefault(s => name.Length > s.Length && name.EndsWith(s, StringComparison.OrdinalIgnoreCase));
        return suffix is null ? null : path[..^suffix.Length];
    }

    /// <summary>
    /// Markers need the engine's usual spacing (<c>{{ var }}</c>, <c>{% if %}</c>, <c>&lt;%= x %&gt;</c>) so
    /// Exim's brace-heavy expansions such as <c>${if and{{def:h_x:}{...}}}</c> never count as Jinja.
    /// </summary>
    public static bool HasTemplateMarkers(string head) => Markers().IsMatch(head);

    [GeneratedRegex(@"\{\{-?\s+[^{}\r\n]*?\s+-?\}\}|\{%-?\s+[a-z]+\b[^\r\n]*?%\}|<%[=#-]?\s[^\r\n]*?%>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Markers();
}
