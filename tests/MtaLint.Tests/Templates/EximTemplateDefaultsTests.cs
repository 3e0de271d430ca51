using System.Text.Json;
using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Tests.Cli;
using MtaLint.Tests.Ecosystem;
using MtaLint.Tests.Exim;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;

namespace MtaLint.Tests.Templates;

/// <summary>
/// Ansible role defaults in Exim templates (issue 15), as in Postfix ones (<see cref="TemplateDefaultsLintTests"/>): an
/// expression a default decides is read as the default's text (in its tag where it fits, else put into the line Exim
/// reads, <see cref="MtaLint.Syntax.Exim.EximTemplateValues"/>), and a finding on it points also at the YAML line.
/// </summary>
public sealed class EximTemplateDefaultsTests
{
    private static readonly EximDialect Exim = new();

    /// <summary>A role in <paramref name="dir"/>: its defaults/main.yml and templates/exim4.conf.j2; the template's path.</summary>
    private static string Role(TempDir dir, string defaults, string template)
    {
        dir.Write("role/defaults/main.yml", defaults);
        return dir.Write("role/templates/exim4.conf.j2", template);
    }

    private static LintResult Lint(string path, bool defaults = true) =>
        new Linter(RuleSet.Default, new AnalysisOptions(Hostname: "mx.example.com") { ReadTemplateDefaults = defaults })
            .Lint(Exim, [new SourceFile(path, File.ReadAllText(path))]);

    [Fact]
    public void A_banner_from_a_role_default_is_judged_and_points_at_the_yaml_line()
    {
        using var dir = new TempDir();
        var path = Role(dir, "---\n# the banner\nexim_smtp_banner: \"Exim $version_number\"\n", "smtp_banner = {{ exim_smtp_banner }}\n");

        var result = Lint(path);

        var version = result.Diagnostics.Single(d => d.RuleId == "MTA101");
        Assert.Equal(1, version.Start!.Value.Line);
        Assert.InRange(version.Start!.Value.Column, 15, 15 + "{{ exim_smtp_banner }}".Length - 1); // inside the tag
        var related = Assert.Single(version.Finding.Related);
        Assert.Equal(Path.Combine(dir.Path, "role", "defaults", "main.yml"), related.Location.File.Path);
        Assert.Equal(3, related.Location.Start.Line);
        Assert.Contains("`exim_smtp_banner`", related.Message, StringComparison.Ordinal);
        Assert.Contains("MTA103", result.Diagnostics.Select(d => d.RuleId));
        Assert.Contains(result.Remarks, r => r.StartsWith("template expressions are judged with the defaults in", StringComparison.Ordinal));

        // Without the defaults the tag is a hole: nothing is concluded from it.
        var off = Lint(path, defaults: false);
        Assert.DoesNotContain(off.Diagnostics, d => d.RuleId is "MTA101" or "MTA103");
        Assert.DoesNotContain(off.Remarks, r => r.Contains("judged with the defaults", StringComparison.Ordinal));
    }

    [Fact]
    public void A_default_longer_than_its_tag_is_read_into_its_line()
    {
        using var dir = new TempDir();
        var path = Role(dir, "exim_banner: \"$smtp_active_hostname ESMTP Exim $version_number\"\n", "smtp_banner = {{ exim_banner }}\n");

        var version = Lint(path).Diagnostics.Single(d => d.RuleId == "MTA101");

        Assert.Equal(1, version.Start!.Value.Line);
        Assert.InRange(version.Start!.Value.Column, 15, 15 + "{{ exim_banner }}".Length - 1);
        Assert.Contains(version.Finding.Related, r => r.Message.Contains("`exim_banner`", StringComparison.Ordinal) && r.Location.Start.Line == 1);
        Assert.DoesNotContain(Lint(path, defaults: false).Diagnostics, d => d.RuleId is "MTA101" or "MTA103");
    }

    [Fact]
    public void A_default_that_would_make_a_line_of_its_own_stays_unknown()
    {
        // The tag starts its line: its text may be a comment, a directive or several settings; only a tag after text is read into its line.
        using var dir = new TempDir();
        var path = Role(dir, "exim_main: \"smtp_banner = Exim $version_number\"\n", "{{ exim_main }}\n");

        Assert.DoesNotContain(Lint(path).Diagnostics, d => d.RuleId is "MTA101" or "MTA103");
    }

    [Fact]
    public void The_cli_reports_the_yaml_line_in_json_and_sarif_and_no_template_defaults_turns_it_off()
    {
        using var dir = new TempDir();
        var path = Role(dir, "exim_smtp_banner: \"Exim $version_number\"\n", "smtp_banner = {{ exim_smtp_banner }}\n");
        var yaml = Path.Combine(dir.Path, "role", "defaults", "main.yml");

        var json = CliRunner.RunReal(["--format", "json", path]);
        SchemaValidation.AssertValidReport(json.Stdout);
        var version = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("rule").GetString() == "MTA101");
        var related = Assert.Single(version.GetProperty("related").EnumerateArray());
        Assert.Equal(yaml, related.GetProperty("file").GetString());
        Assert.Equal(1, related.GetProperty("line").GetInt32());

        var sarif = CliRunner.RunReal(["--format", "sarif", path]);
        SchemaValidation.AssertValidSarif(sarif.Stdout);
        var result = JsonDocument.Parse(sarif.Stdout).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "MTA101");
        var location = Assert.Single(result.GetProperty("relatedLocations").EnumerateArray());
        Assert.Equal(1, location.GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());

        var off = CliRunner.RunReal(["--no-template-defaults", path]);
        Assert.Equal(1, off.ExitCode); // MTA204 (no certificate) stands either way
        Assert.DoesNotContain("MTA101", off.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("judged with the defaults in", off.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Fix_edits_the_default_in_place_and_the_real_exim_reads_the_generic_banner_from_the_rendering()
    {
        using var dir = new TempDir();
        var template = Role(dir, "---\n# banner\nexim_banner: \"$smtp_active_hostname ESMTP Exim $version_number\"  # keep\n", "smtp_banner = {{ exim_banner }}\n");
        var yaml = Path.Combine(dir.Path, "role", "defaults", "main.yml");
        var role = Path.Combine(dir.Path, "role");

        var fix = CliRunner.RunReal(["--hostname", "mx.example.com", "--select", "MTA101,MTA103", "--fix", role]);

        Assert.Equal(0, fix.ExitCode);
        Assert.Equal("---\n# banner\nexim_banner: \"$smtp_active_hostname ESMTP\"  # keep\n", File.ReadAllText(yaml)); // quoting and comment kept
        var written = File.GetLastWriteTimeUtc(yaml);
        Assert.Equal(0, CliRunner.RunReal(["--hostname", "mx.example.com", "--select", "MTA101,MTA103", "--fix", role]).ExitCode);
        Assert.Equal(written, File.GetLastWriteTimeUtc(yaml)); // nothing left to fix: not written again

        // The real Jinja2 renders the template with the fixed defaults file; the real exim reads what it wrote.
        var rendering = dir.Write("exim4.conf", TemplateOracle.RoleRender(template, yaml));
        var exim = EximTestHost.RunExim("-C", rendering, "-bP", "smtp_banner");
        Assert.Equal(0, exim.ExitCode);
        Assert.Equal("smtp_banner = $smtp_active_hostname ESMTP", exim.Stdout.Trim());
    }

    [Fact]
    public void A_real_roles_defaults_decide_its_listener_and_the_file_it_includes()
    {
        // jarppiko.exim4 listens on exim_listen_addresses ([127.0.0.1] by default): its banner reaches no client.
        var template = Path.Combine(TestPaths.TestsData, "templates", "jarppiko__ansible-role-exim4", "templates", "exim4.conf.j2");

        var result = Lint(template);

        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId is "MTA101" or "MTA103" or "MTA109");
        // `.include DOMAIN_CONFIG_DIR/exim-greylist.conf.inc`, the macro from exim_config_dir: a file of the host it renders on.
        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId == "MTA000");
        Assert.Contains(result.Remarks, r => r.StartsWith("template expressions are judged with the defaults in", StringComparison.Ordinal));

        var off = Lint(template, defaults: false);
        Assert.Contains(off.Diagnostics, d => d.RuleId == "MTA101" && d.Start!.Value.Line == 36);
        Assert.DoesNotContain(off.Diagnostics, d => d.RuleId == "MTA000");
    }
}

/// <summary>The real exim reads a role default put into its line as mtalint does: the rendering's smtp_banner is the model's.</summary>
public sealed class EximTemplateValuesOracleTests
{
    [Theory]
    [InlineData("smtp_banner = {{ b }}\n", "$smtp_active_hostname ESMTP Exim $version_number")]
    [InlineData("B = macro text\nsmtp_banner = A {{ b }} tail\n", "B and xB, then ${if eq{1}{1}{B}{}}")] // macros substituted in the default's text too
    [InlineData("smtp_banner = one {{ b }}\n", "# not a comment here")]
    [InlineData("smtp_banner = one {{ b }} \\\n  two\n", "and a half")] // the line it is in still continues
    public void Exim_reads_the_banner_the_model_holds(string template, string value)
    {
        using var dir = new TempDir();
        dir.Write("role/defaults/main.yml", $"b: '{value}'\n");
        var path = dir.Write("role/templates/exim4.conf.j2", template);
        var rendering = dir.Write("exim4.conf", template.Replace("{{ b }}", value, StringComparison.Ordinal));

        var config = new EximDialect().Analyze([new SourceFile(path, template)], new AnalysisOptions(Hostname: "mx.example.com")).Config!;
        var exim = EximTestHost.RunExim("-C", rendering, "-bP", "smtp_banner");

        Assert.Equal(0, exim.ExitCode);
        Assert.Equal(exim.Stdout.Trim(), "smtp_banner = " + config.Services[0].Banner.Setting.Raw);
        Assert.DoesNotContain(config.Template!.Tags, t => t.IsHole);
    }
}
