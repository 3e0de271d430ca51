using MtaLint.Text;

namespace MtaLint.Model;

/// <summary>Options that change how a config is read.</summary>
/// <param name="Hostname">The host name to render banners with when the config names none (like <c>postconf -x</c>).</param>
/// <param name="Defines">Command-line macro definitions (Exim <c>-D</c>).</param>
public sealed record AnalysisOptions(string? Hostname = null, IReadOnlyDictionary<string, string>? Defines = null)
{
    public static AnalysisOptions Default { get; } = new();

    /// <summary>The time banners that show one (Exim <c>$tod_full</c>) are rendered with; null: now. Tests pin it.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>
    /// Where the config's absolute paths are in this repository (<c>--root DIR</c>, <c>root:</c> in
    /// <c>.mtalint.yaml</c>): <c>/etc/exim4/x</c> is read as <c>DIR/etc/exim4/x</c>, as a chroot would
    /// see it. Null: absolute paths are read where they say.
    /// </summary>
    public string? Root { get; init; }

    /// <summary>
    /// Files of the unit that its files include (Exim <c>.include</c>, Sendmail <c>include()</c>), as read or
    /// as fixed: a dialect takes an included file from here before it looks on disk, so a fix to it is
    /// seen by the next pass. Set per unit by the linter.
    /// </summary>
    public IReadOnlyList<SourceFile> Included { get; init; } = [];

    /// <summary>
    /// Whether a template's expressions are judged with the defaults beside it (an Ansible role's
    /// <c>defaults/main.yml</c> and <c>vars/main.yml</c>, see <c>TemplateDefaults</c>); off
    /// (<c>--no-template-defaults</c>): every expression is unknown, a hole in the value it is part of.
    /// </summary>
    public bool ReadTemplateDefaults { get; init; } = true;

    /// <summary>
    /// The text a template's expression tag renders as, where a caller knows it (tests); null: unknown. When set (not
    /// <c>TemplateView.Unknown</c>) it is used instead of the defaults beside the template.
    /// </summary>
    public Func<MtaLint.Syntax.Templates.TemplateToken, string?> TemplateResolver { get; init; } = MtaLint.Syntax.Templates.TemplateView.Unknown;

    /// <summary>Where an absolute path the config names is read from: under <see cref="Root"/>, never above it (<c>/../x</c> is <c>/x</c>, as in a chroot).</summary>
    public string Locate(string absolutePath)
    {
        if (Root is null)
        {
            return absolutePath;
        }

        var inside = Path.GetFullPath("/" + absolutePath.TrimStart('/')).TrimStart('/');
        return Path.Join(Path.GetFullPath(Root), inside);
    }

    public string EffectiveHostname => Hostname ?? DefaultHostname.Value;

    private static readonly Lazy<string> DefaultHostname = new(() =>
    {
        try
        {
            return System.Net.Dns.GetHostName();
        }
        catch (System.Net.Sockets.SocketException)
        {
            return "localhost";
        }
    });
}
