using MtaLint.Model;

namespace MtaLint.Rules.Tls;

/// <summary>
/// MTA202: a deprecated setting (<c>smtpd_use_tls</c>, <c>smtp_enforce_tls</c>...) instead of what replaces it.
/// The finding says what to do in the words its fix is described with, and the fix does exactly that.
/// </summary>
internal sealed class Mta202TlsDeprecated : IRule
{
    public string Id => "MTA202";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        foreach (var deprecated in config.Deprecated)
        {
            var setting = deprecated.Setting;
            var fix = deprecated.Edits.Count > 0 && SettingFindings.CanFix(config)
                ? new Fix(deprecated.AlsoDone is null ? deprecated.Remedy : $"{deprecated.Remedy}; {deprecated.AlsoDone}", FixSafety.Safe, deprecated.Edits)
                : null;
            var notes = new List<string>();
            if (deprecated.AlsoDone is not null)
            {
                notes.Add($"master.cf services that set these switches themselves would follow a new main.cf level, so the fix keeps theirs: {deprecated.AlsoDone}");
            }

            if (deprecated.NoFixReason is not null)
            {
                notes.Add(deprecated.NoFixReason);
            }

            yield return SettingFindings.At(config, setting, $"{setting.Name} is deprecated: {deprecated.Why}; {deprecated.Remedy}", fix, [.. notes]);
        }
    }
}
