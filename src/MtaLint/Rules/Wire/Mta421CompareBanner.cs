using System.Text;
using System.Text.RegularExpressions;
using MtaLint.Model;

namespace MtaLint.Rules.Wire;

/// <summary>The greeting on the wire is not the banner the config renders.</summary>
internal sealed partial class Mta421CompareBanner : IRule
{
    public string Id => "MTA421";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        if (config.Observed is not { } session || config.Services.Count == 0
            || ConfiguredService.For(session) is not { } service)
        {
            yield break;
        }

        var configured = service.Banner;
        var wireBanner = config.Services[0].Banner;
        var wireText = Normalize(wireBanner.Rendered);
        if (Pattern(configured).IsMatch(wireText))
        {
            yield break;
        }

        string difference;
        if (WireEvidence.IsMasked(wireText))
        {
            difference = "the wire shows it masked: a firewall's SMTP inspection rewrites the greeting";
        }
        else if (VersionLike().IsMatch(wireText) && !configured.Parts.Any(p => p.Kind == BannerPartKind.Version) && !VersionLike().IsMatch(configured.Rendered))
        {
            difference = "the wire shows a version the config's banner does not have: another server or proxy answers, or the server does not run this config";
        }
        else
        {
            difference = "the wire shows other text: another server or proxy answers, or the server does not run this config (reload it)";
        }

        yield return Finding.At(
            wireBanner.Setting.ValueSpan!,
            $"the greeting from {session.Endpoint} is not the banner the config gives {service.DisplayName}; {difference}",
            null,
            $"config renders: 220 {configured.Rendered} ({ConfiguredService.Where(configured.Setting)})",
            $"wire shows:     {wireBanner.ReplyLines[0]}");
    }

    /// <summary>
    /// The configured banner as a pattern: text the config fixes must appear as is; the host name,
    /// time stamps and values only known at run time may be anything.
    /// </summary>
    private static Regex Pattern(Banner banner)
    {
        var pattern = new StringBuilder(@"^\s*");
        foreach (var part in banner.Parts)
        {
            pattern.Append(part.Kind switch
            {
                BannerPartKind.Hostname => @"\S+",
                BannerPartKind.Timestamp or BannerPartKind.Dynamic => ".*?",
                _ => string.Join(@"\s*", Whitespace().Split(part.Rendered.ToString()).Select(Regex.Escape)),
            });
        }

        return new Regex(pattern.Append(@"\s*$").ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static string Normalize(string text) => Whitespace().Replace(text.Trim(), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\b\d+\.\d+(\.\d+)*\b")]
    private static partial Regex VersionLike();
}
