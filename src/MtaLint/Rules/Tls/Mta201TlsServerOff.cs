using MtaLint.Model;

namespace MtaLint.Rules.Tls;

/// <summary>
/// MTA201: a listener that strangers reach does not offer STARTTLS. The fix switches opportunistic TLS
/// on where STARTTLS then works: a certificate is configured, or the MTA makes one up (Exim). That
/// refuses no one, so it is safe. Without a certificate there is no fix: the level alone turns nothing
/// on (Postfix goes on without STARTTLS), would only trade this warning for MTA204's error, and a
/// certificate is not something mtalint can choose; the finding says what to set first.
/// </summary>
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
            var fix = SettingFindings.Combine(group.Select(s => FixFor(config, s.Tls)));

            var notes = new List<string> { SettingFindings.Describe(setting) + "; senders will deliver in plaintext" };
            if (group.Any(s => !s.Tls.HasCertificate && !s.Tls.SelfSignedFallback))
            {
                notes.Add(WithoutCertificate(tls));
            }
            else if (group.Any(s => !s.Tls.HasCertificate))
            {
                notes.Add("no certificate is configured: STARTTLS needs one (see MTA204)");
            }

            yield return SettingFindings.At(config, setting,
                $"inbound STARTTLS is not offered on {SettingFindings.Names(group)}: mail arrives unencrypted; offer it opportunistically",
                fix, notes);
        }
    }

    /// <summary>What to do where there is no fix: the certificate first, then the level (one step where the certificate is the switch, as in Sendmail).</summary>
    private static string WithoutCertificate(ServerTls tls)
    {
        var names = new[] { tls.Certificate?.Name, tls.PrivateKey?.Name }.OfType<string>().Distinct().ToArray();
        var install = names.Length > 0 ? "set " + string.Join(" and ", names) : "configure a certificate and key";
        return names.Contains(tls.LevelSetting.Name)
            ? $"no certificate is configured, and STARTTLS needs one (see MTA204): {install} to the server's certificate and key"
            : $"no certificate is configured, and without one the level alone turns nothing on (see MTA204): {install} first, then {tls.LevelSetting.DescribeAssignment(tls.OpportunisticRaw)}";
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

        // Exim completes STARTTLS with a certificate it makes up: mail is encrypted at once (MTA204 says no one can verify it).
        return tls.SelfSignedFallback ? Fix.Safe(assignment + "  (needs a certificate: see MTA204)", edit) : null;
    }
}
