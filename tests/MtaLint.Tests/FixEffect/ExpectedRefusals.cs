namespace MtaLint.Tests.FixEffect;

/// <summary>
/// Units the real MTA refuses to read as they are, before any fix, each with words of its refusal (the
/// test checks the refusal contains them, so a unit refused for another reason is noticed) and why. A unit
/// listed here that the MTA reads fails the test too. Their fixes are still run and checked for idempotence.
/// </summary>
public static class ExpectedRefusals
{
    private static readonly Dictionary<(string Dialect, string Unit), string> Reasons = new()
    {
        // Test cases that exist to be unreadable.
        [("postfix", "testdata/postfix/invalid-macro/main.cf")] = "fatal: macro processing error",
        [("postfix", "testdata/postfix/invalid-master-field/main.cf")] = "fatal: invalid private field \"maybe\"",
        [("postfix", "testdata/postfix/invalid-missing-equals/main.cf")] = "missing '=' after attribute name: \"this line has no equals sign\"",

        // The installer replaces PH_* placeholders before Postfix reads the file.
        [("postfix", "testdata/corpus/postfix/iredmail__iRedMail__samples_postfix_main.cf")] = "invalid process_limit field \"PH_AMAVISD_MAX_SERVERS\"",

        // As committed: a line pasted into the middle of "smtpd_helo_required" (postconf counts the logical line's first line).
        [("postfix", "testdata/real/postfix/pavelkova__arch-linux-virtual-mail-server/etc/postfix/main.cf")] =
            "line 687: missing '=' after attribute name: \"smt  -o tls_preempt_cipherlist=yespd_helo_required = yes\"",

        // Written for an Exim built with OpenSSL (Alpine); Debian's Exim uses GnuTLS.
        [("exim", "testdata/corpus/exim/devture__exim-relay__exim.conf")] = "openssl_options is set but we're using GnuTLS",

        // Options of builds with more compiled in than Debian's exim4-daemon-light (the oracle): content
        // scanning (exim4-daemon-heavy) and DMARC (PLD's build).
        [("exim", "testdata/real/exim/alexamiryan__exim-dovecot-mailserver/etc/exim/exim.conf")] = "main option \"acl_smtp_mime\" unknown",
        [("exim", "testdata/real/exim/gwonthe__mx-conf/etc/exim/exim.conf")] = "main option \"acl_smtp_mime\" unknown",
        [("exim", "testdata/corpus/exim/pld-linux__exim__exim4.conf")] = "main option \"dmarc_tld_file\" unknown",

        // Absolute includes (/etc/exim/*.conf.inc): the repository holds them under etc/exim/, this host
        // does not; mapping them into the repository is --root (issue 13, section 2).
        [("exim", "testdata/real/exim/Exim4U__src/etc/exim/exim.conf")] = "failed to open included configuration file /etc/exim/exim4u_local.conf.inc",

        // Debian files from before exim4-config 4.67: DEBCONFxDEBCONF placeholders the old update-exim4.conf
        // replaced; the current one leaves them, and Exim reads "DEBCONFminimaldnsDEBCONF" as a macro without "=".
        [("exim", "testdata/real/exim/Ivandiaztnd__jack2-network-appliance/etc/exim4/conf.d")] = "malformed macro definition",
        [("exim", "testdata/real/exim/Ivandiaztnd__jack2-network-appliance/etc/exim4/exim4.conf.template")] = "malformed macro definition",

        // Debian's update-exim4.conf.conf alone (the repository keeps no conf.d or template beside it): the
        // script that reads it has nothing to build the Exim config from.
        [("exim", "testdata/real/exim/aidewind__aide/etc/exim4/update-exim4.conf.conf")] = "Unsplit config selected and DIR/exim4/exim4.conf.template missing",

        // The repository holds only its own three fragments; the Docker image's stock conf.d supplies the
        // rest (the "begin routers"/"begin transports" headers among them), so its router options land in main.
        [("exim", "testdata/real/exim/wolbodo__sympa-docker/etc/exim4/conf.d")] = "main option \"sympa_list_command\" unknown",
    };

    public static string? For(string dialect, string unit) => Reasons.TryGetValue((dialect, unit), out var reason) ? reason : null;
}
