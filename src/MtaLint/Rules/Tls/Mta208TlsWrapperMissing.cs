using MtaLint.Model;

namespace MtaLint.Rules.Tls;

/// <summary>MTA208: the implicit-TLS listener (smtps/submissions, port 465) does not start TLS on connect.</summary>
internal sealed class Mta208TlsWrapperMissing : IRule
{
    public string Id => "MTA208";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        foreach (var service in config.Services.Where(s => s.ExpectsImplicitTls && s.Tls.Level != TlsLevel.Implicit))
        {
            var tls = service.Tls;
            Fix? fix = null;
            if (tls is { ImplicitTlsSetting: { } setting, ImplicitTlsRaw: { } raw } && SettingFindings.CanFix(config) && setting.Raw != raw)
            {
                var assignment = setting.DescribeAssignment(raw);
                fix = tls.HasCertificate
                    ? Fix.Safe(assignment, setting.SetTo(raw))
                    : Fix.Unsafe(assignment + "  (needs a certificate: see MTA204)", setting.SetTo(raw));
            }

            var at = tls.ImplicitTlsSetting is { IsDefault: false } written ? written.SettingSpan : service.Definition ?? tls.ImplicitTlsSetting?.SettingSpan;
            yield return SettingFindings.At(config, at,
                $"{service.DisplayName} is an implicit-TLS port but does not start TLS on connect: clients send a TLS handshake first and the session hangs or fails (RFC 8314 section 3.3); turn wrapper mode on",
                fix, tls.ImplicitTlsSetting is { } s ? [SettingFindings.Describe(s)] : []);
        }
    }
}
