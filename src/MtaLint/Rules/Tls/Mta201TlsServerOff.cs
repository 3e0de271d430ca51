using MtaLint.Model;

namespace MtaLint.Rules.Tls;

/// <summary>MTA201: a listener that strangers reach does not offer STARTTLS.</summary>
internal sealed class Mta201TlsServerOff : IRule
{
    public string Id => "MTA201";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        var off = config.Services.Where(s => !s.LocalOnly && !s.ExpectsImplicitTls && s.Tls.Level == TlsLevel.None);
        foreach (var group in SettingFindings.BySetting(off, s => s.Tls.LevelSetting))
        {
            var tls = group.First().Tls;
            var setting = tls.LevelSetting;
            var withCertificate = group.All(s => s.Tls.HasCertificate);
            var fix = SettingFindings.Combine(group.Select(s => FixFor(config, s.Tls)));

            var notes = new List<string> { SettingFindings.Describe(setting) + "; senders will deliver in plaintext" };
            if (!withCertificate)
            {
                notes.Add("no certificate is configured: STARTTLS needs one (see MTA204)");
            }

            yield return SettingFindings.At(config, setting,
                $"inbound STARTTLS is not offered on {SettingFindings.Names(group)}: mail arrives unencrypted; offer it opportunistically",
                fix, notes);
        }
    }

    private static Fix? FixFor(MtaConfig config, ServerTls tls)
    {
        var setting = tls.LevelSetting;
        if (!SettingFindings.CanFix(config) || setting.Raw == tls.OpportunisticRaw)
        {
            return null;
        }

        var assignment = setting.DescribeAssignment(tls.OpportunisticRaw);
        var edit = setting.SetTo(tls.OpportunisticRaw);
        if (tls.HasCertificate)
        {
            return Fix.Safe(assignment, edit);
        }

        // Without a certificate the setting takes effect once one is installed; where the MTA
        // keeps delivering meanwhile, nothing a user relies on changes.
        var described = assignment + "  (needs a certificate: see MTA204)";
        return tls.OpportunisticWithoutCertificateIsHarmless ? Fix.Safe(described, edit) : Fix.Unsafe(described, edit);
    }
}
