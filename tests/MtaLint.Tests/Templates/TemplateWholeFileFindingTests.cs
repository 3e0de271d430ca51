using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Tests.Templates;

/// <summary>
/// A finding on the whole file (a default in effect, no line to point at) keeps no trace of the settings that decided
/// it. On a template where some value is decided by the rendering (a hole in it, or its line inside a block), it is
/// reported only if the rules report it also with those assignments taken away (WholeFileProbe).
/// </summary>
public sealed class TemplateWholeFileFindingTests
{
    private static LintResult Lint(string text, string path) =>
        new Linter(RuleSet.Default, new AnalysisOptions(Hostname: "mx.example.com")).Lint(new PostfixDialect(), [new SourceFile(path, text)]);

    private const string Rest = "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination\nsmtp_tls_security_level = may\ndisable_vrfy_command = yes\n";

    [Theory]
    // geerlingguy's shape: the level an expression decides read as mandatory made MTA205 (TLS < 1.2 where TLS is
    // mandatory) on the whole file, which the renderings with level 'may' do not have.
    [InlineData("smtpd_tls_security_level = {{ postfix_smtpd_tls_security_level }}\n")]
    [InlineData("{% if strict %}\nsmtpd_tls_security_level = encrypt\n{% endif %}\n")]
    [InlineData("{% if strict %}smtpd_tls_security_level = encrypt\n{% endif %}\n")]
    [InlineData("<% if @strict -%>\nsmtpd_tls_security_level = encrypt\n<% end -%>\n")]
    public void A_whole_file_finding_a_rendered_value_may_decide_is_not_reported(string template)
    {
        var path = template.StartsWith('<') ? "/srv/templates/main.cf.erb" : "/srv/role/templates/main.cf.j2";
        var plain = Lint("smtpd_tls_security_level = encrypt\n" + Rest, "/srv/main.cf");
        var result = Lint(template + Rest, path);

        Assert.Contains(plain.Diagnostics, d => d.RuleId == "MTA205" && d.Start is null);
        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId == "MTA205");
        // A whole-file finding no undecided value decides still holds: the default banner names the software.
        Assert.Contains(result.Diagnostics, d => d.RuleId == "MTA103" && d.Start is null);
    }

    [Fact]
    public void On_a_template_whose_values_are_all_literal_a_whole_file_finding_holds()
    {
        var result = Lint("{# managed by Ansible #}\nmyhostname = mx.example.com\nsmtpd_tls_security_level = encrypt\n" + Rest, "/srv/role/templates/main.cf.j2");

        Assert.Contains(result.Diagnostics, d => d.RuleId == "MTA205" && d.Start is null);
    }

    [Fact]
    public void A_template_too_large_to_read_twice_reports_no_whole_file_finding_a_rendered_value_may_decide_and_says_so()
    {
        var filler = string.Concat(Enumerable.Range(0, 12_000).Select(i => $"my_param_{i} = value {i}\n"));
        Assert.True(filler.Length > 256 * 1024);
        var result = Lint("smtpd_banner = {{ fqdn }} ESMTP\n" + filler + Rest, "/srv/role/templates/main.cf.j2");
        var small = Lint("smtpd_banner = {{ fqdn }} ESMTP\n" + Rest, "/srv/role/templates/main.cf.j2");

        Assert.Contains(small.Diagnostics, d => d.Start is null);
        Assert.DoesNotContain(result.Diagnostics, d => d.Start is null);
        var remark = Assert.Single(result.Remarks, r => r.Contains("findings on the whole config", StringComparison.Ordinal));
        Assert.Matches(@"findings on the whole config \(MTA\d{3}", remark);
        Assert.DoesNotContain(small.Remarks, r => r.Contains("findings on the whole config", StringComparison.Ordinal));
    }
}
