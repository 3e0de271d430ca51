using MtaLint.Engine;
using MtaLint.Dialects;
using MtaLint.Fixes;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Tests.Core;

/// <summary>
/// The fixer's guarantee: a fix that would bring an error the config did not have is not applied; its finding
/// stays, without its fix, and says why. Fixes that bring none are applied as before, in the same run.
/// </summary>
public sealed class FixBringsNoErrorTests
{
    private static readonly AnalysisOptions Options = new("mx.example.com");

    /// <summary>A warning while <c>name</c> is not set, fixed by appending <c>name = yes</c>.</summary>
    private sealed class Unset(string id, string name) : IRule
    {
        public string Id => id;

        public IEnumerable<Finding> Check(MtaConfig config)
        {
            if (!config.EffectiveSettings.ContainsKey(name))
            {
                var file = config.Files[0];
                yield return Finding.InFile(file, $"{name} is not set", Fix.Safe($"{name} = yes", TextEdit.Insert(file, file.Text.Length, $"{name} = yes\n")));
            }
        }
    }

    /// <summary>An error while <c>name</c> is set.</summary>
    private sealed class Set(string id, string name) : IRule
    {
        public string Id => id;

        public IEnumerable<Finding> Check(MtaConfig config)
        {
            if (config.EffectiveSettings.ContainsKey(name))
            {
                yield return Finding.InFile(config.Files[0], $"{name} is set and nothing backs it");
            }
        }
    }

    private static Linter Linter(params IRule[] rules) => new(
        new RuleSet(rules, rules.ToDictionary(r => r.Id, r => r is Set ? Severity.Error : Severity.Warning)),
        Options);

    [Fact]
    public void A_fix_that_would_bring_an_error_is_withheld_with_a_note_and_the_others_are_applied()
    {
        var linter = Linter(new Unset("TEST1", "smtpd_sasl_auth_enable"), new Set("TEST2", "smtpd_sasl_auth_enable"), new Unset("TEST3", "disable_vrfy_command"));
        var files = new[] { new SourceFile("main.cf", "biff = no\n") };

        var result = new Fixer(linter, includeUnsafe: false).Fix(new PostfixDialect(), files);

        Assert.Null(result.Problem);
        Assert.True(result.Converged);
        Assert.Equal(["TEST3"], result.Applied.Select(d => d.RuleId));
        Assert.Equal("biff = no\ndisable_vrfy_command = yes\n", result.Files[0].Text);
        var withheld = Assert.Single(result.Remaining.Diagnostics);
        Assert.Equal("TEST1", withheld.RuleId);
        Assert.Null(withheld.Fix);
        Assert.Equal(["not fixed: smtpd_sasl_auth_enable = yes would bring a new error: error[TEST2] smtpd_sasl_auth_enable is set and nothing backs it"], withheld.Finding.Notes);
        Assert.Empty(new Fixer(linter, includeUnsafe: false).Fix(new PostfixDialect(), result.Files).Applied);
    }

    [Fact]
    public void An_error_the_config_already_had_does_not_hold_a_fix_back()
    {
        var linter = Linter(new Unset("TEST1", "disable_vrfy_command"), new Set("TEST2", "smtpd_sasl_auth_enable"));
        var files = new[] { new SourceFile("main.cf", "smtpd_sasl_auth_enable = yes\n") };

        var result = new Fixer(linter, includeUnsafe: false).Fix(new PostfixDialect(), files);

        Assert.Equal(["TEST1"], result.Applied.Select(d => d.RuleId));
        Assert.Equal("TEST2", Assert.Single(result.Remaining.Diagnostics).RuleId);
    }

    /// <summary>
    /// A real case: MTA203's unsafe fix takes mandatory TLS off port 25, where AUTH is offered; without
    /// smtpd_tls_auth_only that offers AUTH before STARTTLS (MTA207, an error), so it is withheld.
    /// </summary>
    [Fact]
    public void Taking_mandatory_tls_off_a_listener_that_offers_auth_is_withheld()
    {
        var files = new[] { new SourceFile("main.cf", "smtpd_tls_security_level = encrypt\nsmtpd_tls_chain_files = /etc/postfix/mx.pem\nsmtpd_sasl_auth_enable = yes\n") };
        var linter = new Linter(new RuleSet([RuleCatalog.Find("MTA203")!, RuleCatalog.Find("MTA207")!]), Options);
        Assert.DoesNotContain(linter.Lint(new PostfixDialect(), files).Diagnostics, d => d.RuleId == "MTA207");

        var result = new Fixer(linter, includeUnsafe: true).Fix(new PostfixDialect(), files);

        Assert.Empty(result.Applied);
        Assert.Same(files[0], result.Files[0]);
        var mx = Assert.Single(result.Remaining.Diagnostics);
        Assert.Equal("MTA203", mx.RuleId);
        Assert.Null(mx.Fix);
        Assert.Contains(mx.Finding.Notes, n => n.StartsWith("not fixed: smtpd_tls_security_level = may would bring a new error: error[MTA207] ", StringComparison.Ordinal));
    }
}
