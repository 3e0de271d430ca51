using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Rules.Banners;

namespace MtaLint.Tests.Rules;

public sealed class BannerRuleTests
{
    private static (TestModel Model, IReadOnlyList<Finding> Findings) Check(IRule rule, string mainCf, Action<ServiceSpec>? change = null, MtaKind mta = MtaKind.Postfix)
    {
        var model = new TestModel(mainCf, mta: mta);
        model.Service().With(change ?? (_ => { })).Add();
        return (model, model.Check(rule));
    }

    private static Finding Single(IRule rule, string mainCf, Action<ServiceSpec>? change = null) => Assert.Single(Check(rule, mainCf, change).Findings);

    private static void None(IRule rule, string mainCf, Action<ServiceSpec>? change = null) => Assert.Empty(Check(rule, mainCf, change).Findings);

    private static string Fixed(Finding finding) => TestModel.Apply(finding.Fix!);

    [Fact]
    public void Version_variable_is_found_pointed_at_and_removed()
    {
        var f = Single(new Mta101BannerVersion(), "smtpd_banner = $myhostname ESMTP $mail_name $mail_version\n");
        Assert.Equal("$mail_version", f.Location!.Text);
        Assert.Equal(new MtaLint.Text.LinePosition(1, 45), f.Location.Start);
        Assert.Equal(FixSafety.Safe, f.Fix!.Safety);
        Assert.Equal("smtpd_banner = $myhostname ESMTP $mail_name\n", Fixed(f));
    }

    [Fact]
    public void Version_in_brackets_goes_with_its_brackets()
    {
        var f = Single(new Mta101BannerVersion(), "smtpd_banner = $myhostname ESMTP $mail_name ($mail_version) ready\n");
        Assert.Equal("($mail_version)", f.Location!.Text);
        Assert.Equal("smtpd_banner = $myhostname ESMTP $mail_name ready\n", Fixed(f));
    }

    [Theory]
    [InlineData("$myhostname ESMTP Postfix 3.7.11", "3.7.11", "$myhostname ESMTP Postfix")]
    [InlineData("$myhostname ESMTP Exim 4.96-15+deb12u2 ready", "4.96-15+deb12u2", "$myhostname ESMTP Exim ready")]
    [InlineData("$myhostname ESMTP Exim-4.96", "4.96", "$myhostname ESMTP Exim")]
    [InlineData("$myhostname ESMTP Sendmail 8.17.1/8.17.1; $tod_full", "8.17.1/8.17.1", "$myhostname ESMTP Sendmail $tod_full")]
    [InlineData("$myhostname ESMTP v2.1 here", "v2.1", "$myhostname ESMTP here")]
    public void Versions_written_out_are_found(string banner, string located, string expected)
    {
        var f = Single(new Mta101BannerVersion(), $"smtpd_banner = {banner}\n");
        Assert.Equal(located, f.Location!.Text);
        Assert.Equal($"smtpd_banner = {expected}\n", Fixed(f));
    }

    [Theory]
    [InlineData("$myhostname ESMTP")]
    [InlineData("mx-3.7.example.com ESMTP")]
    [InlineData("$myhostname ESMTP [192.0.2.1]")]
    [InlineData("$myhostname ESMTP 192.0.2.1")]
    [InlineData("$myhostname ESMTP up since 22.11.2026")]
    [InlineData("$myhostname ESMTP 2 kinds of 3 things")]
    public void Not_versions(string banner) => None(new Mta101BannerVersion(), $"smtpd_banner = {banner}\n");

    [Fact]
    public void A_default_banner_is_replaced_by_the_generic_one_safely()
    {
        var model = new TestModel("biff = no\n");
        model.Service(defaultBanner: "$myhostname ESMTP $mail_name $mail_version").Add();
        var f = Assert.Single(model.Check(new Mta101BannerVersion()));
        Assert.Null(f.Location);
        Assert.Equal("main.cf", f.File.Path);
        Assert.Equal(FixSafety.Safe, f.Fix!.Safety);
        Assert.Equal("biff = no\nsmtpd_banner = $myhostname ESMTP\n", Fixed(f));
    }

    [Theory]
    [InlineData("", FixSafety.Safe)]
    [InlineData(" Welcome", FixSafety.Unsafe)]
    public void A_version_through_another_parameter_sets_the_generic_banner(string ownWords, FixSafety safety)
    {
        var model = new TestModel($"smtpd_banner = $myhostname ESMTP $details{ownWords}\ndetails = $mail_version\n");
        var setting = model.Setting("smtpd_banner");
        var version = model.File.Text.IndexOf("$mail_version", StringComparison.Ordinal);
        var parts = new List<BannerPart>
        {
            new("$myhostname", TestModel.HostName, BannerPartKind.Hostname, null),
            new(" ESMTP ", " ESMTP ", BannerPartKind.Literal, null),
            new("$mail_version", "3.7.11", BannerPartKind.Version, model.File.Span(version, 13), "details"),
        };
        if (ownWords.Length > 0)
        {
            parts.Add(new BannerPart(ownWords, ownWords, BannerPartKind.Literal, null));
        }

        model.Service().With(s => s.Banner = new Banner(setting, parts, "$myhostname ESMTP")).Add();
        var f = Assert.Single(model.Check(new Mta101BannerVersion()));
        Assert.Equal("$mail_version", f.Location!.Text);
        Assert.Equal(2, f.Location.Start.Line);
        Assert.Equal(safety, f.Fix!.Safety);
        Assert.StartsWith("smtpd_banner = $myhostname ESMTP\n", Fixed(f));
    }

    [Fact]
    public void Loopback_only_listeners_are_not_judged_for_disclosure()
    {
        None(new Mta101BannerVersion(), "smtpd_banner = $myhostname ESMTP $mail_version\n", s => s.LocalOnly = true);
        Assert.Single(Check(new Mta104BannerEsmtp(), "smtpd_banner = $myhostname\n", s => s.LocalOnly = true).Findings);
    }

    [Fact]
    public void Listeners_sharing_a_banner_give_one_finding()
    {
        var model = new TestModel("smtpd_banner = $myhostname ESMTP $mail_version\n");
        model.Service().Add();
        model.Service().With(s => (s.Name, s.Port) = ("submission", 587)).Add();
        var f = Assert.Single(model.Check(new Mta101BannerVersion()));
        Assert.Contains("sent on port 25 (smtp), port 587 (submission)", f.Notes);
    }

    [Fact]
    public void A_live_server_gets_findings_without_fixes()
    {
        var (_, findings) = Check(new Mta101BannerVersion(), "smtpd_banner = $myhostname ESMTP Postfix 3.7.11\n", mta: MtaKind.Wire);
        Assert.Null(Assert.Single(findings).Fix);
    }

    [Fact]
    public void Debian_default_banner_names_the_os()
    {
        var f = Single(new Mta102BannerOs(), "smtpd_banner = $myhostname ESMTP $mail_name (Debian/GNU)\n");
        Assert.Equal("(Debian/GNU)", f.Location!.Text);
        Assert.Equal(new MtaLint.Text.LinePosition(1, 45), f.Location.Start);
        Assert.Equal(FixSafety.Safe, f.Fix!.Safety);
        Assert.Equal("smtpd_banner = $myhostname ESMTP $mail_name\n", Fixed(f));
    }

    [Theory]
    [InlineData("$myhostname ESMTP $mail_name (Ubuntu)", "$myhostname ESMTP $mail_name")]
    [InlineData("$myhostname ESMTP on Red Hat Enterprise Linux", "$myhostname ESMTP on")]
    [InlineData("$myhostname ESMTP Ubuntu-22.04 ready", "$myhostname ESMTP ready")]
    [InlineData("$myhostname ESMTP FreeBSD", "$myhostname ESMTP")]
    [InlineData("$myhostname ESMTP Postfix/Linux", "$myhostname ESMTP Postfix")]
    public void Operating_systems_are_found(string banner, string expected) =>
        Assert.Equal($"smtpd_banner = {expected}\n", Fixed(Single(new Mta102BannerOs(), $"smtpd_banner = {banner}\n")));

    [Theory]
    [InlineData("$myhostname ESMTP debian-mail.example.com")]
    [InlineData("mx.ubuntu.example.com ESMTP")]
    [InlineData("$myhostname ESMTP debian-mail ready")]
    [InlineData("$myhostname ESMTP linuxfan")]
    [InlineData("$myhostname ESMTP")]
    public void Host_names_and_longer_words_are_not_operating_systems(string banner) => None(new Mta102BannerOs(), $"smtpd_banner = {banner}\n");

    [Theory]
    [InlineData("$myhostname ESMTP $mail_name", "$mail_name", "$myhostname ESMTP")]
    [InlineData("$myhostname ESMTP Exim", "Exim", "$myhostname ESMTP")]
    [InlineData("$myhostname Microsoft ESMTP MAIL Service ready", "Microsoft", "$myhostname ESMTP MAIL Service ready")]
    public void Products_are_found(string banner, string located, string expected)
    {
        var f = Single(new Mta103BannerSoftware(), $"smtpd_banner = {banner}\n");
        Assert.Equal(located, f.Location!.Text);
        Assert.Equal($"smtpd_banner = {expected}\n", Fixed(f));
    }

    [Theory]
    [InlineData("postfix.example.com ESMTP")]
    [InlineData("$myhostname ESMTP eximious")]
    public void Host_names_are_not_products(string banner) => None(new Mta103BannerSoftware(), $"smtpd_banner = {banner}\n");

    [Fact]
    public void Missing_esmtp_is_added_after_the_host_name()
    {
        var f = Single(new Mta104BannerEsmtp(), "smtpd_banner = $myhostname mail service ready\n");
        Assert.Equal("smtpd_banner = $myhostname mail service ready", f.Location!.Text);
        Assert.Equal("smtpd_banner = $myhostname ESMTP mail service ready\n", Fixed(f));
        Assert.Equal("smtpd_banner = $myhostname ESMTP\n", Fixed(Single(new Mta104BannerEsmtp(), "smtpd_banner = $myhostname\n")));
        Assert.Equal("smtpd_banner = mx.example.com ESMTP hi\n", Fixed(Single(new Mta104BannerEsmtp(), "smtpd_banner = mx.example.com hi\n")));
    }

    [Theory]
    [InlineData("$myhostname ESMT", "ESMT", "$myhostname ESMTP")]
    [InlineData("$myhostname ESMPT Postfix", "ESMPT", "$myhostname ESMTP Postfix")]
    [InlineData("$myhostname ESTMP", "ESTMP", "$myhostname ESMTP")]
    [InlineData("$myhostname EMSTP ready", "EMSTP", "$myhostname ESMTP ready")]
    [InlineData("$myhostname SMTP mail service ready", "SMTP", "$myhostname ESMTP mail service ready")]
    [InlineData("$myhostname  esmt (ready)", "esmt", "$myhostname  ESMTP (ready)")]
    [InlineData("$myhostname ESMTPP", "ESMTPP", "$myhostname ESMTP")]
    [InlineData("mx.example.com ESMT", "ESMT", "mx.example.com ESMTP")]
    public void Misspelt_esmtp_after_the_host_name_is_corrected_in_place(string banner, string word, string expected)
    {
        var f = Single(new Mta104BannerEsmtp(), $"smtpd_banner = {banner}\n");
        Assert.Equal(word, f.Location!.Text);
        Assert.StartsWith($"the banner misspells ESMTP as \"{word}\": ", f.Message);
        Assert.Equal(FixSafety.Safe, f.Fix!.Safety);
        Assert.Equal($"replace \"{word}\" with ESMTP", f.Fix.Description);
        Assert.Equal($"smtpd_banner = {expected}\n", Fixed(f));
    }

    [Theory]
    [InlineData("$myhostname ESMTPS", "$myhostname ESMTP ESMTPS")]
    [InlineData("$myhostname SMTP2 ready", "$myhostname ESMTP SMTP2 ready")]
    [InlineData("$myhostname Postfix SMTP", "$myhostname ESMTP Postfix SMTP")]
    [InlineData("$myhostname LMTP", "$myhostname ESMTP LMTP")]
    [InlineData("$myhostname ESM", "$myhostname ESMTP ESM")]
    [InlineData("$myhostname SMTP$mail_name", "$myhostname ESMTP SMTP$mail_name")]
    public void Words_that_are_not_a_slip_where_esmtp_belongs_get_esmtp_inserted(string banner, string expected)
    {
        var f = Single(new Mta104BannerEsmtp(), $"smtpd_banner = {banner}\n");
        Assert.StartsWith("the banner does not say ESMTP: ", f.Message);
        Assert.Equal($"smtpd_banner = {expected}\n", Fixed(f));
    }

    [Theory]
    [InlineData("ESMT", true)]
    [InlineData("ESMPT", true)]
    [InlineData("ESTMP", true)]
    [InlineData("EMSTP", true)]
    [InlineData("SMTP", true)]
    [InlineData("ESMTX", true)]
    [InlineData("ESSMTP", true)]
    [InlineData("smtp", true)]
    [InlineData("ESMTP", false)]
    [InlineData("esmtp", false)]
    [InlineData("ESMTPS", false)]
    [InlineData("ESMTPA", false)]
    [InlineData("ESMTPSA", false)]
    [InlineData("SMPT", false)]
    [InlineData("LMTP", false)]
    [InlineData("MTP", false)]
    [InlineData("ready", false)]
    [InlineData("", false)]
    public void A_slip_is_one_edit_or_one_swap_away_from_esmtp(string word, bool slip) =>
        Assert.Equal(slip, BannerVocabulary.IsMisspeltEsmtp(word));

    [Fact]
    public void A_misspelt_esmtp_on_a_live_server_is_reported_without_a_fix()
    {
        var model = new TestModel("greeting = mx.example.com ESMPT Exim\n", mta: MtaKind.Wire);
        var setting = model.Setting("greeting");
        var parts = new[] { new BannerPart("mx.example.com ESMPT Exim", "mx.example.com ESMPT Exim", BannerPartKind.Literal, setting.ValueSpan) };
        model.Service().With(s => s.Banner = new Banner(setting, parts, "$myhostname ESMTP")).Add();
        var f = Assert.Single(model.Check(new Mta104BannerEsmtp()));
        Assert.StartsWith("the banner misspells ESMTP as \"ESMPT\"", f.Message);
        Assert.Null(f.Fix);
        Assert.Contains("write ESMTP in place of \"ESMPT\"", f.Notes);
    }

    [Fact]
    public void Esmtp_is_not_required_where_the_mta_inserts_it()
    {
        var model = new TestModel("confSMTP_LOGIN_MSG = $j\n", mta: MtaKind.Sendmail);
        model.Service().With(s => s.Banner = model.Banner(model.Setting("confSMTP_LOGIN_MSG"), "$j", mtaInsertsEsmtp: true)).Add();
        Assert.Empty(model.Check(new Mta104BannerEsmtp()));
        None(new Mta104BannerEsmtp(), "smtpd_banner = $myhostname esmtp\n");
    }

    [Theory]
    [InlineData("ESMTP ready", "\"ESMTP\"", "$myhostname ESMTP ready")]
    [InlineData("$mail_name ESMTP", "\"Postfix\"", "$myhostname $mail_name ESMTP")]
    [InlineData("mailhost ESMTP", "\"mailhost\"", "$myhostname mailhost ESMTP")]
    public void Banners_must_start_with_the_host_name(string banner, string word, string expected)
    {
        var f = Single(new Mta105BannerHostname(), $"smtpd_banner = {banner}\n");
        Assert.Contains(word, f.Message);
        Assert.Equal($"smtpd_banner = {expected}\n", Fixed(f));
    }

    [Theory]
    [InlineData("$myhostname ESMTP")]
    [InlineData("mx.example.com ESMTP")]
    [InlineData("[192.0.2.1] ESMTP")]
    [InlineData("$other ESMTP")]
    [InlineData("mx.$other ESMTP")]
    public void Host_names_and_unknowns_at_the_start_are_accepted(string banner) => None(new Mta105BannerHostname(), $"smtpd_banner = {banner}\n");

    [Theory]
    [InlineData(506 - 15, 0)]
    [InlineData(507 - 15, 1)]
    public void Greeting_lines_are_limited_to_512_octets(int textLength, int findings)
    {
        // "220 " + "mx.example.com " (15) + text + CRLF.
        var (_, found) = Check(new Mta106BannerLength(), $"smtpd_banner = $myhostname {new string('x', textLength)}\n");
        Assert.Equal(findings, found.Count);
    }

    [Fact]
    public void Greeting_length_counts_utf8_octets()
    {
        var found = Single(new Mta106BannerLength(), $"smtpd_banner = $myhostname {new string('é', 246)}\n");
        Assert.Contains("is 513 octets", found.Message);
        Assert.Null(found.Fix);
    }

    [Theory]
    [InlineData("$myhostname ESMTP problems? mail hostmaster@example.com", "hostmaster@example.com")]
    [InlineData("$myhostname ESMTP see https://example.com/mail", "https://example.com/mail")]
    [InlineData("$myhostname ESMTP see www.example.com", "www.example.com")]
    [InlineData("$myhostname ESMTP call +49 30 1234567", "+49 30 1234567")]
    [InlineData("$myhostname ESMTP call (555) 123-4567", "(555) 123-4567")]
    public void Contact_details_are_found_and_not_fixed(string banner, string located)
    {
        var f = Single(new Mta107BannerPersonal(), $"smtpd_banner = {banner}\n");
        Assert.Equal(located, f.Location!.Text);
        Assert.Null(f.Fix);
    }

    [Theory]
    [InlineData("$myhostname ESMTP $tod_full")]
    [InlineData("$myhostname ESMTP Sendmail 8.17.1/8.17.1")]
    [InlineData("mx.example.com ESMTP")]
    [InlineData("$myhostname ESMTP ready at 03:22:41 +0000")]
    public void Not_contact_details(string banner) => None(new Mta107BannerPersonal(), $"smtpd_banner = {banner}\n");

    [Fact]
    public void Configured_esmtp_is_shown_twice_where_the_mta_inserts_it()
    {
        var model = new TestModel("confSMTP_LOGIN_MSG = $j ESMTP\n", mta: MtaKind.Sendmail);
        var setting = model.Setting("confSMTP_LOGIN_MSG");
        var literal = model.File.Text.LastIndexOf("ESMTP", StringComparison.Ordinal);
        var parts = new BannerPart[]
        {
            new("$j", TestModel.HostName, BannerPartKind.Hostname, model.File.Span(literal - 3, 2)),
            new(string.Empty, " ESMTP", BannerPartKind.Inserted, null),
            new(" ", " ", BannerPartKind.Literal, model.File.Span(literal - 1, 1)),
            new("ESMTP", "ESMTP", BannerPartKind.Literal, model.File.Span(literal, 5)),
        };
        model.Service().With(s => s.Banner = new Banner(setting, parts, "$j", mtaInsertsEsmtp: true)).Add();
        var f = Assert.Single(model.Check(new Mta108BannerDuplicateEsmtp()));
        Assert.Equal("ESMTP", f.Location!.Text);
        Assert.Equal(literal, f.Location.Span.Start);
        Assert.Equal("confSMTP_LOGIN_MSG = $j\n", Fixed(f));
        Assert.Empty(model.Check(new Mta104BannerEsmtp()));
    }

    [Fact]
    public void Esmtp_twice_keeps_the_first()
    {
        var f = Single(new Mta108BannerDuplicateEsmtp(), "smtpd_banner = $myhostname ESMTP $mail_name ESMTP\n");
        Assert.Equal("smtpd_banner = $myhostname ESMTP $mail_name\n", Fixed(f));
        None(new Mta108BannerDuplicateEsmtp(), "smtpd_banner = $myhostname ESMTP $mail_name\n");
    }

    [Theory]
    [InlineData("$myhostname ESMTP Exim 4.96 $tod_full", "$tod_full", "$myhostname ESMTP Exim 4.96")]
    [InlineData("$myhostname ESMTP Sun, 22 Nov 2026 03:22:41 +0000", "Sun, 22 Nov 2026 03:22:41 +0000", "$myhostname ESMTP")]
    [InlineData("$myhostname ESMTP built 2026-11-22 ok", "2026-11-22", "$myhostname ESMTP built ok")]
    public void Timestamps_are_found(string banner, string located, string expected)
    {
        var f = Single(new Mta109BannerTimestamp(), $"smtpd_banner = {banner}\n");
        Assert.Equal(located, f.Location!.Text);
        Assert.Equal($"smtpd_banner = {expected}\n", Fixed(f));
    }

    [Theory]
    [InlineData("$myhostname ESMTP Exim 4.96")]
    [InlineData("$myhostname ESMTP 8.17.1/8.17.1")]
    public void Versions_are_not_timestamps(string banner) => None(new Mta109BannerTimestamp(), $"smtpd_banner = {banner}\n");
}

public sealed class WireModelTests
{
    [Fact]
    public void A_probe_model_without_files_still_gets_located_findings_without_fixes()
    {
        var model = new TestModel("smtpd_banner = ESMTP Postfix 3.7.11\n", mta: MtaKind.Wire);
        var setting = new ConfigValue("greeting", "ESMTP Postfix 3.7.11", null, null, new LineEditor(model.File));
        model.Service().With(s => s.Banner = new Banner(setting, TestModel.BannerParts(setting), "$myhostname ESMTP")).Add();
        var built = model.Build();
        var config = new MtaConfig { Mta = MtaKind.Wire, Files = [], Services = built.Services };
        foreach (var rule in new MtaLint.Rules.IRule[] { new Mta101BannerVersion(), new Mta103BannerSoftware(), new Mta105BannerHostname() })
        {
            var f = Assert.Single(rule.Check(config));
            Assert.Null(f.Fix);
            Assert.Equal("wire", f.File.Path);
        }
    }
}

public sealed class LiveGreetingTests
{
    private static readonly MtaLint.Rules.IRule[] BannerRules =
    [
        new Mta101BannerVersion(), new Mta102BannerOs(), new Mta103BannerSoftware(), new Mta104BannerEsmtp(), new Mta105BannerHostname(),
        new Mta106BannerLength(), new Mta107BannerPersonal(), new Mta108BannerDuplicateEsmtp(), new Mta109BannerTimestamp(),
    ];

    /// <summary>Greetings as real servers send them, all literal text (what a probe sees).</summary>
    [Theory]
    [InlineData("mx.example.com ESMTP Exim 4.96 Sun, 22 Nov 2026 03:22:41 +0000", "MTA101 MTA103 MTA109")]
    [InlineData("mx.example.com ESMTP Sendmail 8.17.1/8.17.1; Sun, 22 Nov 2026 03:22:41 +0000 (UTC)", "MTA101 MTA103 MTA109")]
    [InlineData("mx.example.com ESMTP Postfix (Debian/GNU)", "MTA102 MTA103")]
    [InlineData("mx.example.com ESMTP Postfix (Ubuntu)", "MTA102 MTA103")]
    [InlineData("mx.example.com Microsoft ESMTP MAIL Service ready at Sun, 22 Nov 2026 03:22:41 +0000", "MTA103 MTA109")]
    [InlineData("*****", "MTA104 MTA105")]
    [InlineData("mx.example.com ESMTP", "")]
    [InlineData("debian-mail.example.com ESMTP ready", "")]
    public void Live_greetings(string greeting, string expected)
    {
        var model = new TestModel($"greeting = {greeting}\n", mta: MtaKind.Wire);
        var setting = model.Setting("greeting");
        var parts = new[] { new BannerPart(greeting, greeting, BannerPartKind.Literal, setting.ValueSpan) };
        model.Service().With(s => s.Banner = new Banner(setting, parts, "$myhostname ESMTP")).Add();
        var config = model.Build();
        var fired = BannerRules.Where(r => r.Check(config).Any()).Select(r => r.Id);
        Assert.Equal(expected, string.Join(" ", fired));
    }
}
