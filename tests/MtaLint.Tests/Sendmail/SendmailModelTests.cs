using System.Text;
using MtaLint.Model;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;

namespace MtaLint.Tests.Sendmail;

public class SendmailModelTests
{
    private static MtaConfig Model(string text) => SendmailTestFiles.Analyze(new SourceFile("sendmail.mc", text));

    [Fact]
    public void Sendmail_inserts_esmtp_after_the_first_word()
    {
        var banner = Model("define(`confSMTP_LOGIN_MSG', `$j ESMTP')dnl\nMAILER(`smtp')\n").Services[0].Banner;
        Assert.Equal("mx.example.com ESMTP ESMTP", banner.Rendered);
        Assert.True(banner.MtaInsertsEsmtp);
        Assert.Equal("$j", banner.RecommendedRaw);
        Assert.Equal("$j ESMTP", string.Concat(banner.Parts.Select(p => p.Raw)));
        Assert.Equal(BannerPartKind.Inserted, banner.Parts[1].Kind);
    }

    [Fact]
    public void The_default_greeting_has_product_version_and_date_parts()
    {
        var banner = Model("OSTYPE(`linux')dnl\nMAILER(`smtp')\n").Services[0].Banner;
        Assert.True(banner.Setting.IsDefault);
        Assert.Equal("$j Sendmail $v/$Z; $b", banner.Setting.Raw);
        Assert.Equal([BannerPartKind.Hostname, BannerPartKind.Inserted, BannerPartKind.Literal, BannerPartKind.Product, BannerPartKind.Literal,
            BannerPartKind.Version, BannerPartKind.Literal, BannerPartKind.Version, BannerPartKind.Literal, BannerPartKind.Timestamp], banner.Parts.Select(p => p.Kind));
        Assert.StartsWith("mx.example.com ESMTP Sendmail 8.17.1.9/8.17.1.9; ", banner.Rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void Ostype_debian_sets_the_greeting_and_findings_point_at_it()
    {
        const string text = "OSTYPE(`debian')dnl\nMAILER(`smtp')\n";
        var banner = Model(text).Services[0].Banner;
        Assert.True(banner.Setting.IsDefault);
        Assert.Equal("OSTYPE(`debian')", banner.Setting.SettingSpan!.Text);
        Assert.Contains("(No UCE/UBE)", banner.Setting.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostname_comes_from_confDOMAIN_NAME_when_it_is_a_name()
    {
        var banner = Model("define(`confDOMAIN_NAME', `mail.example.org')dnl\ndefine(`confSMTP_LOGIN_MSG', `$j')dnl\n").Services[0].Banner;
        Assert.Equal("mail.example.org ESMTP", banner.Rendered);
    }

    [Fact]
    public void Listeners_come_from_daemon_options()
    {
        var services = SendmailTestFiles.Analyze(SendmailTestFiles.Read("testdata/sendmail/listeners.mc")).Services;
        // sendmail-cf adds its default MSA even after DAEMON_OPTIONS, unless FEATURE(`no_default_msa') (m4 agrees).
        Assert.Equal(["MTA:25", "Local:25", "MSA:587", "TLSMTA:465", "MSA:587"], services.Select(s => $"{s.Name}:{s.Port}"));
        Assert.Equal([false, true, false, false, false], services.Select(s => s.LocalOnly));
        Assert.Equal([false, false, false, true, false], services.Select(s => s.ExpectsImplicitTls));
        Assert.Equal(TlsLevel.Implicit, services[3].Tls.Level);
        Assert.Equal(TlsLevel.Opportunistic, services[0].Tls.Level);
        Assert.True(services[0].Auth.Offered);
        Assert.False(services[0].Auth.RequiresTls);
        Assert.True(services[3].Auth.RequiresTls);
        Assert.Equal("A p", services[0].Auth.RequireTlsRaw);
        Assert.Equal("DAEMON_OPTIONS(`Port=submission, Name=MSA, M=Ea')", services[2].Definition!.Text);
    }

    [Fact]
    public void Without_daemon_options_sendmail_cf_listens_on_25_and_587_unless_no_default_msa()
    {
        Assert.Equal([25, 587], Model("OSTYPE(`linux')dnl\n").Services.Select(s => s.Port!.Value));
        Assert.Equal([25], Model("FEATURE(`no_default_msa')dnl\n").Services.Select(s => s.Port!.Value));
        var msp = Model("FEATURE(`msp', `[127.0.0.1]')dnl\n").Services;
        Assert.True(Assert.Single(msp).LocalOnly);
        Assert.False(msp[0].Vrfy.Enabled);
    }

    [Fact]
    public void Port_465_without_the_s_modifier_speaks_plaintext()
    {
        var service = Model("DAEMON_OPTIONS(`Port=465, Name=TLSMTA')dnl\n").Services[0];
        Assert.True(service.ExpectsImplicitTls);
        Assert.NotEqual(TlsLevel.Implicit, service.Tls.Level);
    }

    [Fact]
    public void The_S_modifier_keeps_starttls_off_on_its_listener_and_the_fix_takes_it_out()
    {
        var services = Model("define(`confSERVER_CERT', `/c.pem')dnl\ndefine(`confSERVER_KEY', `/k.pem')dnl\nDAEMON_OPTIONS(`Port=smtp, Name=MTA, M=S')dnl\nDAEMON_OPTIONS(`Port=submission, Name=MSA, M=Ea')dnl\nMAILER(`smtp')\n").Services;
        Assert.Equal(TlsLevel.None, services[0].Tls.Level);
        Assert.Equal(TlsLevel.Opportunistic, services[1].Tls.Level);
        Assert.Equal("DAEMON_OPTIONS(`Port=smtp, Name=MTA')", services[0].Tls.LevelSetting.SetTo(services[0].Tls.OpportunisticRaw).NewText);
    }

    [Fact]
    public void Debian_starttls_include_turns_server_tls_on()
    {
        var service = SendmailTestFiles.Analyze(SendmailTestFiles.Read("testdata/sendmail/commented-greeting.mc")).Services[0];
        Assert.True(service.Tls.HasCertificate);
        Assert.Equal(TlsLevel.Opportunistic, service.Tls.Level);
        Assert.Equal(TlsLevel.None, Model("OSTYPE(`linux')dnl\n").Services[0].Tls.Level);
    }

    [Fact]
    public void Privacy_flags_fix_merges_into_the_define()
    {
        var config = Model("define(`confPRIVACY_FLAGS', `authwarnings,noexpn')dnl\nMAILER(`smtp')\n");
        var vrfy = config.Services[0].Vrfy;
        Assert.True(vrfy.Enabled);
        Assert.False(config.Services[0].Expn.Enabled);
        Assert.Equal("authwarnings,noexpn,novrfy", vrfy.DisableEdit!.NewText);
        Assert.Equal("authwarnings,noexpn", vrfy.Setting.ValueSpan!.Text);
        Assert.Null(config.Services[0].Expn.DisableEdit);
    }

    [Fact]
    public void Relay_features_are_in_the_relay_policy()
    {
        var relay = SendmailTestFiles.Analyze(SendmailTestFiles.Read("testdata/sendmail/open-relay.mc")).Services[0].Relay;
        Assert.False(relay.RestrictsUnauthorizedDestinations);
        Assert.Equal("FEATURE(`promiscuous_relay')", relay.PromiscuousBy!.SettingSpan!.Text);
        Assert.Equal(["relay_local_from"], relay.LoosenedBy.Select(v => v.Raw));
        var loose = SendmailTestFiles.Analyze(SendmailTestFiles.Read("testdata/sendmail/commented-greeting.mc")).Services[0].Relay;
        Assert.True(loose.RestrictsUnauthorizedDestinations);
        Assert.Equal(["relay_entire_domain", "accept_unresolvable_domains"], loose.LoosenedBy.Select(v => v.Raw));
    }

    [Fact]
    public void Dnl_commented_defines_are_not_settings()
    {
        var config = SendmailTestFiles.Analyze(SendmailTestFiles.Read("testdata/sendmail/commented-greeting.mc"));
        Assert.Empty(config.Assignments);
        Assert.True(config.Services[0].Banner.Setting.IsDefault);
    }

    [Fact]
    public void Assignments_settings_and_known_names()
    {
        var config = Model("define(`confSMTP_LOGIN_MSG', `$j x')dnl\ndefine(`confSMTP_LOGIN_MSG', `$j')dnl\ndefine(`confNO_SUCH', `1')dnl\ndefine(`MY_MACRO', `1')dnl\nMAILER(`smtp')\n");
        Assert.Equal(["confSMTP_LOGIN_MSG", "confSMTP_LOGIN_MSG", "confNO_SUCH", "MY_MACRO"], config.Assignments.Select(a => a.Name));
        Assert.All(config.Assignments, a => Assert.Equal("sendmail.mc", a.Scope));
        Assert.Equal([true, true, false, true], config.Assignments.Select(a => a.IsKnown));
        Assert.Equal("define(`confSMTP_LOGIN_MSG', `$j x')dnl\n", config.Assignments[0].WholeSpan.Text);
        Assert.Equal("$j", config.EffectiveSettings["confSMTP_LOGIN_MSG"]);
        Assert.Contains("confPRIVACY_FLAGS", config.KnownSettingNames);
        Assert.Equal(3, config.EffectiveSettings.Count);
    }

    public static TheoryData<string> TestData => SendmailTestFiles.Names(SendmailTestFiles.TestData);

    /// <summary>What the model holds for each testdata file, reviewed as a snapshot (the date is masked).</summary>
    [Theory]
    [MemberData(nameof(TestData))]
    public void Model_snapshot(string path)
    {
        var config = SendmailTestFiles.Analyze(SendmailTestFiles.Read(path));
        var s = new StringBuilder();
        var banner = config.Services[0].Banner;
        s.AppendLine($"banner raw: {banner.Setting.Raw}{(banner.Setting.IsDefault ? " (not in the file)" : string.Empty)}");
        s.AppendLine($"banner expanded: {banner.Setting.Expanded}");
        s.AppendLine($"clients see: 220 {System.Text.RegularExpressions.Regex.Replace(banner.Rendered, @"\w{3}, \d+ \w{3} \d{4} \d\d:\d\d:\d\d \+0000", "<date>")}");
        s.AppendLine("parts: " + string.Join(" | ", banner.Parts.Select(p => $"{p.Kind}:{p.Raw}")));
        foreach (var service in config.Services)
        {
            s.AppendLine($"service {service.DisplayName}: local={service.LocalOnly} implicit-tls={service.ExpectsImplicitTls} tls={service.Tls.Level} cert={service.Tls.HasCertificate} auth={service.Auth.Offered}/requires-tls={service.Auth.RequiresTls} vrfy={service.Vrfy.Enabled} expn={service.Expn.Enabled} relay-open={!service.Relay.RestrictsUnauthorizedDestinations} at={service.Definition?.Start.ToString() ?? "default"}");
        }

        s.AppendLine($"client tls: {config.ClientTls!.Level}");
        foreach (var (name, value) in config.EffectiveSettings.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            s.AppendLine($"setting {name} = {value}");
        }

        Snapshot.Verify(s.ToString(), Path.GetFileNameWithoutExtension(path));
    }
}

public class SendmailAuthTests
{
    [Theory]
    [InlineData("TRUST_AUTH_MECH(`CRAM-MD5 DIGEST-MD5')dnl\n", true, true)]
    [InlineData("define(`confAUTH_MECHANISMS', `LOGIN PLAIN')dnl\n", true, false)]
    [InlineData("define(`confAUTH_MECHANISMS', `LOGIN PLAIN')dnl\ndefine(`confAUTH_OPTIONS', `A p')dnl\n", true, true)]
    [InlineData("define(`confAUTH_MECHANISMS', `CRAM-MD5')dnl\n", true, true)]
    [InlineData("OSTYPE(`linux')dnl\n", false, true)]
    public void Plaintext_auth_needs_tls_only_with_plaintext_mechanisms(string text, bool offered, bool requiresTls)
    {
        var auth = SendmailTestFiles.Analyze(new Text.SourceFile("sendmail.mc", text)).Services[0].Auth;
        Assert.Equal(offered, auth.Offered);
        Assert.Equal(requiresTls, auth.RequiresTls);
    }
}

/// <summary>Greetings with sendmail's conditionals and connection macros, rendered as expand() (macro.c) renders them.</summary>
public class SendmailGreetingTests
{
    private static Banner Banner(string greeting) =>
        SendmailTestFiles.Analyze(new Text.SourceFile("sendmail.mc", $"define(`confSMTP_LOGIN_MSG', `{greeting}')dnl\nMAILER(`smtp')dnl\n")).Services[0].Banner;

    [Theory]
    // op.me's example for virtual hosting: {if_name} is the host name of the interface the client reached.
    [InlineData("$?{if_name}${if_name}$|$j$. MTA", "mx.example.com ESMTP MTA")]
    // At the greeting no TLS or AUTH has happened: their macros are empty and the else branch is sent.
    [InlineData("$j $?{tls_version}TLS ${tls_version}$|plain$.", "mx.example.com ESMTP plain")]
    [InlineData("$j $?{auth_type}authenticated$.ready", "mx.example.com ESMTP ready")]
    // A conditional nested in a branch that is skipped is skipped whole; in a branch that is taken it is judged.
    [InlineData("$j $?{auth_type}a $?{client_addr}b$|c$. d$|e $?{client_addr}f$|g$. h$.", "mx.example.com ESMTP e f h")]
    [InlineData("$j $$x ${tls_version}y", "mx.example.com ESMTP $x y")]
    [InlineData("$j from ${client_addr} [${client_name}] via ${daemon_name}", "mx.example.com ESMTP from <client_addr> [<client_name>] via <daemon_name>")]
    public void A_greeting_renders_the_branch_sendmail_takes(string greeting, string rendered) =>
        Assert.Equal(rendered, Banner(greeting).Rendered);

    [Fact]
    public void Parts_of_the_branch_not_taken_are_unsent_and_keep_their_text()
    {
        var banner = Banner("$?{if_name}${if_name}$|$j Sendmail $v$. MTA");
        Assert.Equal("$?{if_name}${if_name}$|$j Sendmail $v$. MTA", string.Concat(banner.Parts.Select(p => p.Raw)));
        // ESMTP goes after the first word clients see, which ends where the unsent branch does.
        Assert.Equal([BannerPartKind.Unsent, BannerPartKind.Hostname, BannerPartKind.Unsent, BannerPartKind.Unsent, BannerPartKind.Unsent,
            BannerPartKind.Unsent, BannerPartKind.Unsent, BannerPartKind.Inserted, BannerPartKind.Literal], banner.Parts.Select(p => p.Kind));
        Assert.Equal("mx.example.com ESMTP MTA", banner.Rendered);
        Assert.DoesNotContain(banner.Parts, p => p.Kind is BannerPartKind.Version or BannerPartKind.Product);
    }

    [Fact]
    public void Debians_greeting_shows_the_client_macros_as_placeholders()
    {
        var banner = SendmailTestFiles.Analyze(new Text.SourceFile("sendmail.mc", "OSTYPE(`debian')dnl\nMAILER(`smtp')dnl\n")).Services[0].Banner;
        Assert.EndsWith("; (No UCE/UBE) logging access from: <client_name>(<client_resolve>)-<validated_sender>", banner.Rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("$", banner.Rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_in_a_branch_not_taken_is_not_reported()
    {
        var linter = new MtaLint.Engine.Linter(MtaLint.Engine.RuleSet.Default, new MtaLint.Model.AnalysisOptions(SendmailTestFiles.Hostname));
        var text = "define(`confSMTP_LOGIN_MSG', `$j$?{auth_type} Sendmail $v$.')dnl\nMAILER(`smtp')dnl\n";
        var ids = linter.Lint(new MtaLint.Dialects.SendmailDialect(), [new Text.SourceFile("sendmail.mc", text)]).Diagnostics.Select(d => d.RuleId).ToArray();
        Assert.DoesNotContain("MTA101", ids);
        Assert.DoesNotContain("MTA103", ids);
    }
}
