using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Tests.Cli;
using MtaLint.Text;

namespace MtaLint.Tests.Templates;

/// <summary>
/// Ansible role defaults in .mc templates (issue 15): both views m4 reads are built with the defaults, so a known
/// expression is written alike in both. A default is read only where its text fits its tag as Jinja writes it: inside
/// <c>define(`x', `{{ v }}')</c> the tag is followed by text, so only a text of the tag's own length is (blanks
/// padded into a quoted value would be part of it); any other stays unknown.
/// </summary>
public sealed class McTemplateDefaultsTests
{
    private const string Mc = "divert(-1)dnl\ninclude(`/usr/share/sendmail-cf/m4/cf.m4')dnl\nOSTYPE(`linux')dnl\ndefine(`confSMTP_LOGIN_MSG', `{{ sendmail_banner }}')dnl\nMAILER(`local')dnl\nMAILER(`smtp')dnl\n";

    private static LintResult Lint(TempDir dir, string banner, bool defaults = true)
    {
        dir.Write("role/defaults/main.yml", $"---\nsendmail_banner: \"{banner}\"\n");
        var path = dir.Write("role/templates/sendmail.mc.j2", Mc);
        return new Linter(RuleSet.Default, new AnalysisOptions(Hostname: "mx.example.com") { ReadTemplateDefaults = defaults })
            .Lint(new SendmailDialect(), [new SourceFile(path, File.ReadAllText(path))]);
    }

    [Fact]
    public void A_banner_from_a_role_default_of_the_tags_length_is_judged_and_points_at_the_yaml_line()
    {
        using var dir = new TempDir();
        const string banner = "$j Sendmail $v ready.";
        Assert.Equal("{{ sendmail_banner }}".Length, banner.Length);

        var result = Lint(dir, banner);

        var version = result.Diagnostics.Single(d => d.RuleId == "MTA101");
        Assert.Equal(4, version.Start!.Value.Line);
        var related = Assert.Single(version.Finding.Related);
        Assert.Equal(Path.Combine(dir.Path, "role", "defaults", "main.yml"), related.Location.File.Path);
        Assert.Equal(2, related.Location.Start.Line);
        Assert.Contains("`sendmail_banner`", related.Message, StringComparison.Ordinal);
        Assert.Contains(result.Remarks, r => r.StartsWith("template expressions are judged with the defaults in", StringComparison.Ordinal));

        Assert.DoesNotContain(Lint(dir, banner, defaults: false).Diagnostics, d => d.RuleId is "MTA101" or "MTA103");
    }

    [Fact]
    public void A_default_of_another_length_inside_a_quoted_value_stays_unknown()
    {
        using var dir = new TempDir();

        var result = Lint(dir, "$j ESMTP $v");

        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId is "MTA101" or "MTA103");
        Assert.DoesNotContain(result.Remarks, r => r.Contains("judged with the defaults", StringComparison.Ordinal));
    }
}
