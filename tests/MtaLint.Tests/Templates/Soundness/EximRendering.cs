using MtaLint.Dialects;
using MtaLint.Syntax.Templates;
using MtaLint.Tests.Exim;

namespace MtaLint.Tests.Templates.Soundness;

/// <summary>
/// How the soundness harness takes an Exim template's rendering: a Debian <c>update-exim4.conf.conf</c> (built by
/// update-exim4.conf, see <see cref="RenderedConfig"/>) or an Exim config, which the real exim reads with <c>-C FILE -bV</c>.
/// </summary>
public static class EximRendering
{
    /// <summary>
    /// Which of the two an Exim template renders, told as mtalint tells them (by name, then by content): several roles
    /// name an update-exim4.conf.conf template <c>exim4.conf.j2</c>.
    /// </summary>
    public static RenderedKind KindOf(string template)
    {
        var file = TemplateFiles.Read(template);
        var view = EximDialect.ViewOf(file, TemplateView.Unknown);
        return EximDialect.IsUpdateEximConf(view is null ? file : file.WithText(view.Text)) ? RenderedKind.EximDebconf : RenderedKind.EximConfig;
    }

    /// <summary>What the real exim says of a rendered config: accepted when <c>exim -C FILE -bV</c> reads it without error.</summary>
    public static MtaVerdict Verdict(string config)
    {
        var check = EximTestHost.RunExim("-C", config, "-bV");
        var dir = Path.GetDirectoryName(config)!;
        var messages = check.Stderr.Replace(dir, "DIR", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        return new MtaVerdict(check.ExitCode == 0, messages, null);
    }
}
