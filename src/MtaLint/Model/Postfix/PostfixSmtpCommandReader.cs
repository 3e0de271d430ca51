using MtaLint.Syntax.Postfix;
using MtaLint.Text;

namespace MtaLint.Model.Postfix;

/// <summary>What a listener's smtpd offers of AUTH, VRFY and EXPN.</summary>
internal static class PostfixSmtpCommandReader
{
    /// <summary>AUTH is offered with <c>smtpd_sasl_auth_enable</c>; it needs TLS first with <c>smtpd_tls_auth_only</c>, wrapper mode, or the level <c>encrypt</c> (<c>smtpd_enforce_tls</c> while the level is empty).</summary>
    public static AuthPolicy Auth(PostfixScope scope)
    {
        var enabled = scope.Value("smtpd_sasl_auth_enable");
        var offered = scope.IsYes("smtpd_sasl_auth_enable");
        var tlsOnly = scope.Value("smtpd_tls_auth_only");
        var level = scope.Expanded("smtpd_tls_security_level").Trim().ToLowerInvariant();
        var requiresTls = scope.IsYes("smtpd_tls_auth_only") || scope.IsYes("smtpd_tls_wrappermode")
            || level is "encrypt" or "fingerprint" or "verify" or "secure" || level.Length == 0 && scope.IsYes("smtpd_enforce_tls");
        return new AuthPolicy
        {
            Offered = offered,
            EnabledBy = offered ? enabled : null,
            RequiresTls = requiresTls,
            RequireTlsSetting = tlsOnly,
            RequireTlsRaw = "yes",
        };
    }

    /// <summary>VRFY answers unless <c>disable_vrfy_command</c> is on.</summary>
    public static CommandPolicy Vrfy(PostfixScope scope)
    {
        var setting = scope.Value("disable_vrfy_command");
        return new CommandPolicy
        {
            Enabled = !scope.IsYes("disable_vrfy_command"),
            Setting = setting,
            DisableEdit = setting.SetTo("yes"),
            DisableDescription = setting.DescribeAssignment("yes"),
        };
    }

    /// <summary>Postfix does not implement EXPN: never enabled, and no setting turns it on.</summary>
    public static CommandPolicy Expn(MainCfDocument? main) => new CommandPolicy
    {
        Enabled = false,
        Setting = new ConfigValue("EXPN", "not implemented by Postfix", null, null, new PostfixSettingEditor(main?.File ?? new SourceFile("main.cf", string.Empty))),
    };
}
