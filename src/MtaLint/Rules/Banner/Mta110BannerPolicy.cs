using System.Text.RegularExpressions;
using MtaLint.Model;

namespace MtaLint.Rules.Banners;

/// <summary>
/// MTA110 banner-policy: the greeting follows the organisation's banner standard (template,
/// forbidden and required words) from <c>.mtalint.yaml</c>. Without a policy it reports nothing.
/// </summary>
internal sealed partial class Mta110BannerPolicy(BannerPolicyOptions policy) : IRule
{
    public const string RuleId = "MTA110";

    /// <summary>Stands for the host name in the shapes compared (a char no banner contains).</summary>
    private const char HostMark = '\u0001';

    public Mta110BannerPolicy()
        : this(BannerPolicyOptions.None)
    {
    }

    public string Id => RuleId;

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        if (policy.IsEmpty || config.Services.Count == 0)
        {
            yield break;
        }

        // Listeners often share one banner setting: judge each setting once.
        foreach (var group in config.Services.GroupBy(s => s.Banner.Setting))
        {
            var banner = group.First().Banner;
            var services = string.Join(", ", group.Select(s => s.DisplayName));
            var fallback = config.SettingsFile ?? config.Files[0];
            var seen = "clients see: " + string.Join(" / ", banner.ShownReplyLines);
            var text = string.Concat(banner.Parts.Where(p => p.Kind != BannerPartKind.Hostname).Select(p => " " + p.Rendered + " "));

            if (policy.Template is { } template && banner.Parts.All(p => p.Kind != BannerPartKind.Dynamic))
            {
                var expected = Normalize(TemplateShape(template));
                var actual = Normalize(string.Concat(banner.Parts.Select(p => p.Kind == BannerPartKind.Hostname ? HostMark.ToString() : p.Rendered)));
                if (!string.Equals(expected, actual, StringComparison.Ordinal))
                {
                    yield return Finding.AtSetting(banner.Setting, fallback,
                        $"the banner of {services} does not follow the banner policy \"{template}\" (.mtalint.yaml)",
                        SettingFindings.CanFix(config) ? TemplateFix(banner, template) : null, seen);
                }
            }

            foreach (var word in policy.Forbid)
            {
                if (ContainsWord(text, word))
                {
                    yield return Finding.AtSetting(banner.Setting, fallback,
                        $"the banner of {services} contains \"{word}\", which the banner policy forbids (.mtalint.yaml)", null, seen);
                }
            }

            foreach (var word in policy.Require)
            {
                if (!ContainsWord(text, word))
                {
                    yield return Finding.AtSetting(banner.Setting, fallback,
                        $"the banner of {services} lacks \"{word}\", which the banner policy requires (.mtalint.yaml)", null, seen);
                }
            }
        }
    }

    private static bool ContainsWord(string text, string word) =>
        Regex.IsMatch(text, @"(?<![\w])" + Regex.Escape(word) + @"(?![\w])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static string TemplateShape(string template)
    {
        foreach (var placeholder in BannerPolicyOptions.HostnamePlaceholders)
        {
            template = template.Replace(placeholder, HostMark.ToString(), StringComparison.Ordinal);
        }

        return template;
    }

    private static string Normalize(string s) => Spaces().Replace(s, " ").Trim();

    /// <summary>
    /// The template in the dialect's syntax: the host name as the dialect's generic banner writes it
    /// (the first word of <see cref="Model.Banner.RecommendedRaw"/>), and without the <c>ESMTP</c> the MTA
    /// inserts itself. Only for templates of plain words, which need no quoting in any dialect.
    /// </summary>
    private static Fix? TemplateFix(Model.Banner banner, string template)
    {
        var shape = Normalize(TemplateShape(template));
        if (!PlainTemplate().IsMatch(shape))
        {
            return null;
        }

        var hostWord = banner.RecommendedRaw.Split(' ', 2)[0];
        if (!hostWord.StartsWith('$') && shape.Contains(HostMark))
        {
            return null;
        }

        var words = shape.Split(' ').ToList();
        if (banner.MtaInsertsEsmtp)
        {
            // Sendmail puts ESMTP after the first word itself; writing it would show it twice.
            if (words.Count < 2 || words[1] != "ESMTP")
            {
                return null;
            }

            words.RemoveAt(1);
        }

        var raw = string.Join(' ', words.Select(w => w == HostMark.ToString() ? hostWord : w));
        return Fix.Safe($"set the banner to the policy's template: {banner.Setting.DescribeAssignment(raw)}", banner.Setting.SetTo(raw));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("^[\u0001A-Za-z0-9 ._()-]+$")]
    private static partial Regex PlainTemplate();
}
