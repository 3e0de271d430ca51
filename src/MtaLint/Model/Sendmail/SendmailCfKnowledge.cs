namespace MtaLint.Model.Sendmail;

/// <summary>
/// What sendmail-cf 8.17 (Debian's sendmail-cf package, cf/m4 and the OSTYPE/DOMAIN/FEATURE files)
/// defines that the model reads. mtalint does not read the cf tree at run time (it is often not
/// installed where configs are linted); the oracle tests check these facts against the real tree.
/// </summary>
public static class SendmailCfKnowledge
{
    /// <summary>sendmail-cf's default greeting (cf/m4/cfhead.m4).</summary>
    public const string DefaultGreeting = "$j Sendmail $v/$Z; $b";

    /// <summary>The greeting sendmail itself uses when the .cf has none (proto.m4 writes it as a comment when confSMTP_LOGIN_MSG is undefined).</summary>
    public const string BinaryDefaultGreeting = "$j Sendmail $v ready at $b";

    /// <summary>OSTYPE(`debian') (cf/ostype/debian.m4).</summary>
    public const string DebianGreeting = "$j Sendmail $v/$Z; $b; (No UCE/UBE) $?{client_addr}logging access from: ${client_name}(${client_resolve})-$_$.";

    /// <summary>sendmail's AuthMechanisms when the .cf sets none (conf.h AUTH_MECHANISMS): no plaintext mechanism.</summary>
    public const string DefaultAuthMechanisms = "EXTERNAL GSSAPI KERBEROS_V4 DIGEST-MD5 CRAM-MD5";

    /// <summary>The sendmail version Debian's package builds (what <c>$v</c> and <c>$Z</c> show by default).</summary>
    public const string Version = "8.17.1.9";

    /// <summary>Definitions cf/m4/cfhead.m4 makes before the .mc is read, for the names the model uses.</summary>
    public static IReadOnlyList<(string Name, string Value)> CfHeadDefaults { get; } =
    [
        ("confSMTP_LOGIN_MSG", DefaultGreeting),
        ("confPRIVACY_FLAGS", "authwarnings"),
        ("MAIL_SETTINGS_DIR", "/etc/mail/"),
        ("_DPO_", string.Empty),
        ("_CPO_", string.Empty),
    ];

    /// <summary>Applies what a sendmail-cf call defines that matters to the model.</summary>
    internal static void Apply(CfCall call, McEvaluator m4)
    {
        var from = call.Span;
        void Define(string name, string value) =>
            m4.Define(new MacroDefinition(name, value, from, null, null, ValueQuoted: true, FromFile: false));

        switch (call.Name, call.Arg(0))
        {
            case ("OSTYPE", "debian"):
                Define("confSMTP_LOGIN_MSG", DebianGreeting);
                break;
            case ("DOMAIN", "debian-mta"):
                // debian-mta.m4: restrictqrun, plus restrictexpand on sendmail >= 8.12.
                Define("confPRIVACY_FLAGS", "restrictqrun,restrictexpand");
                break;
            case ("FEATURE", "msp"):
                Define("confPRIVACY_FLAGS", "goaway,noetrn,restrictqrun");
                Define("_NO_MSA_", "1");
                Define("_MSP_", "1");
                break;
            case ("FEATURE", "no_default_msa"):
                Define("_NO_MSA_", "1");
                break;
            case ("HACK", "msp_nullclient"):
                Define("confPRIVACY_FLAGS", "goaway,noetrn");
                Define("_MSP_", "1");
                break;
        }
    }
}
