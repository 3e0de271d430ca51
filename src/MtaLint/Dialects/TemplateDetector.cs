using System.Text.RegularExpressions;
using MtaLint.Syntax.Templates;

namespace MtaLint.Dialects;

/// <summary>
/// Recognises configuration templates (Jinja, ERB, Puppet EPP, autoconf <c>.in</c>): their placeholders are not
/// settings, so linting or fixing them would report and rewrite text the template engine replaces.
/// Debian's <c>exim4.conf.template</c> is a real config despite its name and is not matched.
/// </summary>
internal static partial class TemplateDetector
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

    /// <summary>
    /// The engine and tool that render <paramref name="path"/>, from its name and then its text; null for a
    /// file that is not a Jinja2, ERB or EPP template (a plain config, or an autoconf <c>.in</c>, <c>.tpl</c>).
    /// By name: <c>.j2</c>, <c>.jinja</c>, <c>.jinja2</c> are Jinja2, <c>.erb</c> ERB, <c>.epp</c> EPP. By content (a
    /// config-named file holding <c>{{ x }}</c>, <c>{% x %}</c> or <c>&lt;%= x %&gt;</c>, as Salt formulas and some roles
    /// keep them): the engine whose markers it holds. The tool decides which whitespace tags strip:
    /// <list type="bullet">
    /// <item>Jinja2 under a <c>templates/</c> folder (Ansible roles) or named <c>.j2</c> is Ansible's; other Jinja2
    /// (<c>.jinja</c>, Salt's <c>files/main.cf</c>) is Salt's.</item>
    /// <item>ERB under <c>templates/default/</c> (a Chef cookbook's layout) or reading <c>node[...]</c> (Chef's
    /// attributes) is Chef's Erubis; other ERB is Puppet's.</item>
    /// </list>
    /// </summary>
    public static TemplateOptions? Recognize(string path, string head)
    {
        var name = Path.GetFileName(path);
        var normalized = "/" + path.Replace('\\', '/');
        var underTemplates = normalized.Contains("/templates/", StringComparison.Ordinal);
        if (EndsWith(name, ".j2") || EndsWith(name, ".jinja") || EndsWith(name, ".jinja2"))
        {
            return underTemplates || EndsWith(name, ".j2") ? JinjaOptions.Ansible : JinjaOptions.Salt;
        }

        if (EndsWith(name, ".epp"))
        {
            return ErbOptions.PuppetEpp;
        }

        if (EndsWith(name, ".erb"))
        {
            return IsChef(normalized, head) ? ErbOptions.Chef : ErbOptions.Puppet;
        }

        if (HasTemplateName(path) || NotTemplates.Any(e => EndsWith(name, e)) || Markers().Match(head) is not { Success: true } marker)
        {
            return null;
        }

        return marker.Value[0] == '{'
            ? (underTemplates ? JinjaOptions.Ansible : JinjaOptions.Salt)
            : IsChef(normalized, head) ? ErbOptions.Chef : ErbOptions.Puppet;
    }

    // Files that hold template markers without being templates the tools render to a config: Ansible variables,
    // Salt states, Puppet manifests, Chef attributes.
    private static readonly string[] NotTemplates = [".yml", ".yaml", ".json", ".sls", ".pp", ".rb", ".py", ".md"];

    private static bool EndsWith(string name, string suffix) => name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);

    private static bool IsChef(string path, string head) =>
        path.Contains("/templates/default/", StringComparison.Ordinal) || head.Contains("node[", StringComparison.Ordinal);

    // Looked for in whole files (a Salt main.cf's first tag may be far in): NonBacktracking keeps the time linear in
    // the text, where backtracking was quadratic on a long line of openings that never close ("{% a {% a ...").
    [GeneratedRegex(@"\{\{-?\s+[^{}\r\n]*?\s+-?\}\}|\{%-?\s+[a-z]+\b[^\r\n]*?%\}|<%[=#-]?\s[^\r\n]*?%>", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Markers();
}
