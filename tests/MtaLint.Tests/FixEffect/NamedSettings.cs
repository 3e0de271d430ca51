using System.Text.RegularExpressions;
using MtaLint.Rules;

namespace MtaLint.Tests.FixEffect;

/// <summary>
/// The settings an applied finding names, and so may change: every setting name its message, notes and
/// fix mention (<c>smtpd_tls_security_level = may</c>, <c>-o disable_vrfy_command=yes</c>,
/// <c>define(`confPRIVACY_FLAGS', ...)</c>, <c>remove acl_smtp_vrfy</c>), and for the banner rules the
/// banner setting their name is about. A finding that calls an assignment dead (MTA305) or a comment
/// unused (MTA001, MTA002) names nothing: removing it must leave what the MTA reads as it was.
/// </summary>
public static partial class NamedSettings
{
    /// <summary>Rules whose fix, by what they say, changes nothing the MTA reads.</summary>
    private static readonly HashSet<string> NoEffect = ["MTA001", "MTA002", "MTA305"];

    /// <summary>The banner setting of each dialect, in the .mc macro's name for Sendmail.</summary>
    private static readonly Dictionary<string, string[]> Banner = new(StringComparer.Ordinal)
    {
        ["postfix"] = ["smtpd_banner"],
        ["exim"] = ["smtp_banner"],
        ["sendmail"] = ["confSMTP_LOGIN_MSG"],
    };

    public static HashSet<string> Of(string dialect, IEnumerable<Diagnostic> applied)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in applied.Where(d => !NoEffect.Contains(d.RuleId)))
        {
            if (string.CompareOrdinal(d.RuleId, "MTA101") >= 0 && string.CompareOrdinal(d.RuleId, "MTA110") <= 0)
            {
                names.UnionWith(Banner[dialect]);
            }

            foreach (var text in d.Finding.Notes.Append(d.Message).Append(d.Fix?.Description ?? string.Empty))
            {
                names.UnionWith(SettingName().Matches(text).Select(m => m.Value));
            }
        }

        return names;
    }

    /// <summary>Words shaped like a setting name: with an underscore (Postfix, Exim) or an m4 <c>conf</c> macro.</summary>
    [GeneratedRegex(@"\b(?:[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]*|conf[A-Z0-9_]+)\b")]
    private static partial Regex SettingName();
}
