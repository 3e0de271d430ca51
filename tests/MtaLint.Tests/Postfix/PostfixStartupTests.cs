using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Model.Postfix;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Tests.Postfix;

/// <summary>
/// Postfix's start-up failures as the model knows them (<see cref="MtaConfig.StartupFailures"/>): what smtpd's
/// relay check reads, how typed values convert, who is to blame, and what is not judged. The real daemons
/// confirm the messages in <see cref="PostfixStartupOracleTests"/>.
/// </summary>
public sealed class PostfixStartupTests
{
    private static readonly AnalysisOptions Options = new("mx.example.com");

    private static MtaConfig Analyze(string? main, string? master = null)
    {
        var files = new List<SourceFile>();
        if (main is not null)
        {
            files.Add(new SourceFile("main.cf", main));
        }

        if (master is not null)
        {
            files.Add(new SourceFile("master.cf", master));
        }

        var result = new PostfixDialect().Analyze(files, Options);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => $"{e.Location}: {e.Message}")));
        return result.Config!;
    }

    private static PostfixTypedParameter Typed(PostfixValueKind kind, long min = 0, long max = 0, char unit = 's') => new("p", kind, min, max, unit, []);

    [Fact]
    public void Restriction_words_split_like_smtpd_with_braces_kept_together()
    {
        Assert.Equal(["permit_mynetworks", "check_policy_service", "{ inet:127.0.0.1:10023, timeout=10s }", "reject"],
            PostfixRestrictions.Words(" permit_mynetworks,check_policy_service { inet:127.0.0.1:10023, timeout=10s }\n\treject,"));
        Assert.Empty(PostfixRestrictions.Words(" , \t"));
    }

    [Fact]
    public void Smtpd_needs_a_working_restriction_before_a_plain_permit_in_either_list()
    {
        static bool Starts(string main) => !Analyze(main).StartupFailures.Any(f => f.Message.Contains("working instance", StringComparison.Ordinal));

        Assert.False(Starts("x = 1\n")); // level 0: the default relay list is empty
        Assert.True(Starts("compatibility_level = 1\n")); // from level 1 it ends with defer_unauth_destination
        Assert.True(Starts("compatibility_level = ${{1} == {1} ? {2} : {0}}\n"));
        Assert.True(Starts("smtpd_recipient_restrictions = permit_mynetworks, DEFER_IF_PERMIT\n")); // names compare without case
        Assert.False(Starts("compatibility_level = 3.6\nsmtpd_relay_restrictions = permit_mynetworks permit reject\n"));
        Assert.False(Starts("compatibility_level = 3.6\nsmtpd_relay_restrictions = warn_if_reject reject\n"));
        Assert.True(Starts("compatibility_level = 3.6\nsmtpd_relay_restrictions = warn_if_reject reject_unauth_destination reject\n"));
        Assert.True(Starts("smtpd_restriction_classes = a, b\na = b\nb = check_relay_domains\nsmtpd_relay_restrictions = a\n"));
        Assert.False(Starts("smtpd_restriction_classes = A\nA = reject\nsmtpd_relay_restrictions = a\n")); // class names keep their case
        Assert.False(Starts("smtpd_restriction_classes = a\na = a\nsmtpd_relay_restrictions = a\n")); // a class that lists itself ends
    }

    [Fact]
    public void The_relay_refusal_is_blamed_on_the_list_the_service_reads_else_on_compatibility_level_else_on_nothing_written()
    {
        var none = Assert.Single(Analyze("myhostname = mx.example.com\n").StartupFailures);
        Assert.Null(none.At);
        Assert.Equal("smtpd", none.Program);
        Assert.Equal(["smtp/inet"], none.Services);
        Assert.Equal("port 25 (smtp) accepts no mail", none.Consequence);
        Assert.Equal("fatal: in parameter smtpd_relay_restrictions or smtpd_recipient_restrictions, specify at least one working instance of: "
            + "reject_unauth_destination, defer_unauth_destination, reject, defer, defer_if_permit or check_relay_domains", none.Message);
        Assert.StartsWith("write smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination", none.Remedy, StringComparison.Ordinal);

        Assert.Equal("compatibility_level = 0", Assert.Single(Analyze("compatibility_level = 0\n").StartupFailures).At!.Text);
        Assert.Equal("smtpd_recipient_restrictions = permit_mynetworks",
            Assert.Single(Analyze("compatibility_level = 0\nsmtpd_recipient_restrictions = permit_mynetworks\n").StartupFailures).At!.Text);
        var late = Assert.Single(Analyze("compatibility_level = 2\nsmtpd_relay_restrictions = permit, reject\n").StartupFailures);
        Assert.Equal("smtpd_relay_restrictions = permit, reject", late.At!.Text);
        Assert.Equal("reject in smtpd_relay_restrictions comes after a plain permit, where smtpd stops reading the list; put it before permit", late.Remedy);

        // Each smtpd service with its own -o: the one that breaks is blamed at its -o; the others start.
        var config = Analyze("compatibility_level = 3.6\n",
            "smtp inet n - y - - smtpd\nsubmission inet n - y - - smtpd\n  -o smtpd_relay_restrictions=permit_sasl_authenticated\n"
            + "smtps inet n - y - - smtpd\n  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject\n");
        var submission = Assert.Single(config.StartupFailures);
        Assert.Equal("-o smtpd_relay_restrictions=permit_sasl_authenticated", submission.At!.Text);
        Assert.Equal(["submission/inet"], submission.Services);
        Assert.Equal("port 587 (submission) accepts no mail", submission.Consequence);
    }

    [Fact]
    public void Services_that_fail_alike_are_one_failure_and_postscreen_listeners_are_named_for_the_smtpd_behind_them()
    {
        var config = Analyze("smtpd_relay_restrictions = permit_mynetworks\n",
            "smtp inet n - y - 1 postscreen\nsmtpd pass - - y - - smtpd\nsubmission inet n - y - - smtpd\n127.0.0.1:10025 inet n - n - - smtpd\nreinject unix n - n - - smtpd\n");
        var failure = Assert.Single(config.StartupFailures);
        Assert.Equal(["smtpd/pass", "submission/inet", "127.0.0.1:10025/inet", "reinject/unix"], failure.Services);
        Assert.Equal("port 25 (smtp) behind postscreen, port 587 (submission), port 10025 (127.0.0.1:10025), the reinject service (smtpd) accept no mail", failure.Consequence);
    }

    [Fact]
    public void A_lone_master_cf_is_judged_on_what_it_writes_not_on_main_cf_defaults()
    {
        var config = Analyze(null, "smtp inet n - y - - smtpd\nsubmission inet n - y - - smtpd\n  -o smtpd_relay_restrictions=permit_sasl_authenticated\n  -o smtpd_tls_auth_only=ja\n");
        Assert.Equal(2, config.StartupFailures.Count);
        Assert.All(config.StartupFailures, f => Assert.Equal("master.cf", f.At!.File.Path));
        Assert.Contains(config.StartupFailures, f => f.Message == "fatal: bad boolean configuration: smtpd_tls_auth_only = ja");
    }

    [Fact]
    public void Typed_values_are_read_as_postfix_converts_them()
    {
        var b = Typed(PostfixValueKind.Bool);
        Assert.Null(b.Refusal("yes"));
        Assert.Null(b.Refusal("NO"));
        Assert.Equal("bad boolean configuration: p = true", b.Refusal("true"));
        Assert.Equal("bad boolean configuration: p = ", b.Refusal(string.Empty));

        var i = Typed(PostfixValueKind.IntNumber, min: 1, max: 100);
        Assert.Null(i.Refusal("+7"));
        Assert.Null(i.Refusal(" 7")); // strtol skips white space before the number, not after it
        Assert.Equal("bad numerical configuration: p = 7 ", i.Refusal("7 "));
        Assert.Equal("bad numerical configuration: p = 1k", i.Refusal("1k"));
        Assert.Equal("bad numerical configuration: p = ", i.Refusal(string.Empty));
        Assert.Equal("bad numerical configuration: p = 2147483648", Typed(PostfixValueKind.IntNumber).Refusal("2147483648"));
        Assert.Null(Typed(PostfixValueKind.LongNumber).Refusal("2147483648"));
        Assert.Equal("bad numerical configuration: p = 9223372036854775808", Typed(PostfixValueKind.LongNumber).Refusal("9223372036854775808"));
        Assert.Equal("invalid p parameter value 0 < 1", i.Refusal("0"));
        Assert.Equal("invalid p parameter value 101 > 100", i.Refusal("101"));

        var t = Typed(PostfixValueKind.Time, min: 1, unit: 'm');
        Assert.Null(t.Refusal("10")); // the default's unit: 10 minutes
        Assert.Null(t.Refusal("10min")); // the first letter is the unit; the rest is not read
        Assert.Null(t.Refusal("2w"));
        Assert.Equal("parameter p: bad time value or unit: 10 minutes", t.Refusal("10 minutes"));
        Assert.Equal("parameter p: bad time value or unit: 10S", t.Refusal("10S"));
        Assert.Equal("parameter p: bad time value or unit: -1s", t.Refusal("-1s"));
        Assert.Equal("parameter p: bad time value or unit: 9999999w", t.Refusal("9999999w")); // past an int in seconds
        Assert.Equal("invalid p: 0 (min 1)", t.Refusal("0s"));
        Assert.Null(Typed(PostfixValueKind.Time).Refusal("s")); // no digits: 0 of the unit that follows, as strtol leaves it
        Assert.Equal("invalid p: 0 (min 1)", t.Refusal("m"));

        var s = Typed(PostfixValueKind.Text, min: 1);
        Assert.Equal("bad string length 0 < 1: p = ", s.Refusal(string.Empty));
        Assert.Null(s.Refusal("x"));
    }

    [Fact]
    public void What_is_judged_is_what_the_config_writes()
    {
        // The stock master.cf's virtual service would exit over its empty virtual_mailbox_base; it only runs when mail goes to it.
        Assert.Empty(Analyze("compatibility_level = 3.6\n").StartupFailures);
        Assert.Empty(Analyze("compatibility_level = 3.6\n", "smtp inet n - y - - smtpd\nvirtual unix - n n - - virtual\n").StartupFailures);
        var written = Assert.Single(Analyze("compatibility_level = 3.6\nvirtual_mailbox_base =\n").StartupFailures);
        Assert.Equal(("virtual", "the virtual service (virtual) does not run"), (written.Program, written.Consequence));

        // A program that no service runs does not exit; one every program reads stops Postfix.
        Assert.Empty(Analyze("compatibility_level = 3.6\nvirtual_mailbox_base =\n", "smtp inet n - y - - smtpd\n").StartupFailures);
        var every = Assert.Single(Analyze("compatibility_level = 3.6\nsoft_bounce = maybe\n").StartupFailures);
        Assert.Equal((PostfixStartupChecks.EveryProgram, "Postfix does not start (postfix start exits too)"), (every.Program, every.Consequence));
        Assert.Empty(every.Services);

        // A template's placeholder is not what Postfix reads.
        Assert.Empty(Analyze("compatibility_level = 3.6\nsoft_bounce = {{ postfix_soft_bounce }}\n").StartupFailures);
    }

    [Fact]
    public void A_default_that_refers_to_a_written_value_blames_that_value()
    {
        var failure = Assert.Single(Analyze("compatibility_level = 3.6\nreject_tempfail_action = bounce\n").StartupFailures,
            f => f.Message.Contains("unknown_address_tempfail_action", StringComparison.Ordinal));
        Assert.Equal("reject_tempfail_action = bounce", failure.At!.Text);
        Assert.Equal("fatal: bad configuration: unknown_address_tempfail_action = bounce", failure.Message);
    }

    [Fact]
    public void A_service_that_refuses_to_start_is_no_open_relay_and_the_rule_reports_the_refusal()
    {
        var config = Analyze("compatibility_level = 3.6\nsmtpd_relay_restrictions = permit_mynetworks, permit, reject_unauth_destination\n");
        Assert.True(Assert.Single(config.Services).Relay.RestrictsUnauthorizedDestinations);
        var linter = new Linter(RuleSet.Default, Options);
        var diagnostics = linter.Lint(new PostfixDialect(), [new SourceFile("main.cf", "compatibility_level = 3.6\nsmtpd_relay_restrictions = permit_mynetworks, permit, reject_unauth_destination\n")]).Diagnostics;
        Assert.DoesNotContain(diagnostics, d => d.RuleId == "MTA303");
        var refused = Assert.Single(diagnostics, d => d.RuleId == "MTA307");
        Assert.Equal(new LinePosition(2, 1), refused.Start);
        Assert.StartsWith("smtpd exits at start-up, so port 25 (smtp) accepts no mail: \"fatal: in parameter smtpd_relay_restrictions", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["reject_unauth_destination in smtpd_relay_restrictions comes after a plain permit, where smtpd stops reading the list; put it before permit"], refused.Finding.Notes);
    }

    [Fact]
    public void A_misspelt_name_is_not_renamed_into_a_value_postfix_would_refuse()
    {
        var linter = new Linter(RuleSet.Default, Options);
        var typo = Assert.Single(linter.Lint(new PostfixDialect(), [new SourceFile("main.cf", "compatibility_level = 3.6\nsmtpd_tls_auth_onyl = true\n")]).Diagnostics,
            d => d.RuleId == "MTA304");
        Assert.Null(typo.Fix);
        Assert.Contains("as smtpd_tls_auth_only, Postfix would refuse to start: \"fatal: bad boolean configuration: smtpd_tls_auth_only = true\"", typo.Message, StringComparison.Ordinal);

        var renamable = Assert.Single(linter.Lint(new PostfixDialect(), [new SourceFile("main.cf", "compatibility_level = 3.6\nsmtpd_tls_auth_onyl = yes\n")]).Diagnostics,
            d => d.RuleId == "MTA304");
        Assert.NotNull(renamable.Fix);
    }

    [Fact]
    public void Smtpd_checks_its_tls_level_unless_wrapper_mode_settles_it()
    {
        Assert.Equal("fatal: Invalid TLS level \"dane\"",
            Assert.Single(Analyze("compatibility_level = 3.6\nsmtpd_tls_security_level = dane\n").StartupFailures).Message);
        Assert.Empty(Analyze("compatibility_level = 3.6\nsmtpd_tls_security_level = Encrypt\n").StartupFailures);
        Assert.Empty(Analyze("compatibility_level = 3.6\nsmtpd_tls_security_level = dane\nsmtpd_tls_wrappermode = yes\n").StartupFailures);
    }
}
