using MtaLint.Model;

namespace MtaLint.Rules.Tls;

/// <summary>MTA202: a deprecated setting (<c>smtpd_use_tls</c>, <c>smtp_enforce_tls</c>...) instead of what replaces it.</summary>
internal sealed class Mta202TlsDeprecated : IRule
{
    public string Id => "MTA202";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        foreach (var deprecated in config.Deprecated)
        {
            var setting = deprecated.Setting;
            var replacement = setting.Notation.Describe(deprecated.ReplacementName, deprecated.ReplacementRaw);
            var fix = deprecated.Replace is { } edit && SettingFindings.CanFix(config)
                ? Fix.Safe($"replace with {replacement}", edit)
                : null;
            yield return SettingFindings.At(config, setting,
                $"{setting.Name} is deprecated: {deprecated.Why}; use {replacement}",
                fix);
        }
    }
}
