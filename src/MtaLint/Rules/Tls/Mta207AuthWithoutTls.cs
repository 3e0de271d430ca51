using MtaLint.Model;

namespace MtaLint.Rules.Tls;

/// <summary>MTA207: SASL AUTH is offered on a session that is not encrypted, so passwords cross the network in the clear.</summary>
internal sealed class Mta207AuthWithoutTls : IRule
{
    public string Id => "MTA207";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        // Mandatory and implicit TLS leave no plaintext session in which AUTH could be used; on a
        // loopback-only listener the password never leaves the host (webmail, a local relay).
        var exposed = config.Services.Where(s => !s.LocalOnly && s.Auth.Offered && !s.Auth.RequiresTls && s.Tls.Level is TlsLevel.None or TlsLevel.Opportunistic);
        foreach (var group in exposed.GroupBy(s => (SettingKey.Of(s.Auth.RequireTlsSetting), SettingKey.Of(s.Auth.EnabledBy))))
        {
            var auth = group.First().Auth;
            var tlsOffered = group.All(s => s.Tls.Level != TlsLevel.None);
            Fix? fix = null;
            if (auth is { RequireTlsSetting: { } setting, RequireTlsRaw: { } raw } && SettingFindings.CanFix(config) && setting.Raw != raw)
            {
                var assignment = setting.DescribeAssignment(raw);
                fix = tlsOffered
                    ? Fix.Safe(assignment, setting.SetTo(raw))
                    : Fix.Unsafe(assignment + "  (AUTH is then offered only after STARTTLS, which is off: see MTA201)", setting.SetTo(raw));
            }

            var notes = new List<string>();
            if (auth.EnabledBy is { } enabledBy)
            {
                notes.Add("AUTH is on: " + SettingFindings.Describe(enabledBy));
            }

            if (!tlsOffered)
            {
                notes.Add("STARTTLS is not offered there, so every AUTH is in plaintext");
            }

            var at = auth.RequireTlsSetting is { IsDefault: false } ? auth.RequireTlsSetting : auth.EnabledBy ?? auth.RequireTlsSetting;
            yield return SettingFindings.At(config, at,
                $"AUTH is offered before TLS on {SettingFindings.Names(group)}: passwords can cross the network in plaintext; offer AUTH only on encrypted sessions",
                fix, notes);
        }
    }
}
