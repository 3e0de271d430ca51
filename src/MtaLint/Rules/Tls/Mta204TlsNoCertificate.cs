using MtaLint.Model;

namespace MtaLint.Rules.Tls;

/// <summary>
/// MTA204: TLS is on but no certificate and key are configured, so the handshake cannot succeed (an
/// error), or, in Exim, runs on an unverifiable self-signed certificate (a warning: mail is still encrypted).
/// </summary>
internal sealed class Mta204TlsNoCertificate : IRule
{
    public string Id => "MTA204";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        // On a loopback-only listener a certificate the MTA makes up serves local clients only: no sender meets it.
        var broken = config.Services.Where(s => s.Tls.Level is not (TlsLevel.None or TlsLevel.Refused) && !s.Tls.HasCertificate && !(s.LocalOnly && s.Tls.SelfSignedFallback));
        foreach (var group in broken.GroupBy(s => (SettingKey.Of(s.Tls.Certificate), SettingKey.Of(s.Tls.LevelSetting))))
        {
            var tls = group.First().Tls;
            var at = tls.Certificate is { IsDefault: false } certificate ? certificate : tls.LevelSetting;
            var notes = new List<string> { SettingFindings.Describe(tls.LevelSetting) };
            var names = new[] { tls.Certificate?.Name, tls.PrivateKey?.Name }.OfType<string>().Distinct().ToArray();
            if (names.Length > 0)
            {
                notes.Add("set " + string.Join(" and ", names) + " to the server's certificate chain and private key");
            }

            var consequence = tls.SelfSignedFallback
                ? "STARTTLS runs on a self-signed certificate the MTA makes up: mail is encrypted, but no sender can verify whom it talks to"
                : "the TLS handshake cannot succeed, so STARTTLS fails or is not offered at all";
            var finding = SettingFindings.At(config, at,
                $"TLS is on for {SettingFindings.Names(group)} but no certificate and key are configured: {consequence}",
                null, notes);
            // Encrypted but unverifiable is a weakness, not a server that cannot do what its config says.
            yield return tls.SelfSignedFallback ? finding with { Severity = Severity.Warning } : finding;
        }
    }
}
