using System.Text.Json;
using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Syntax.Postfix;
using MtaLint.Syntax.Templates;
using MtaLint.Syntax.Templates.Variables;
using MtaLint.Tests.Cli;
using MtaLint.Tests.Ecosystem;
using MtaLint.Tests.Infrastructure;
using MtaLint.Tests.Postfix;
using MtaLint.Text;

namespace MtaLint.Tests.Templates;

/// <summary>
/// Ansible role defaults in template reading: an expression a default decides is judged with that default (also a
/// text longer than its tag, or over several lines, read as postconf reads the rendering), the finding points also at
/// the YAML line (text note, JSON <c>related</c>, SARIF <c>relatedLocations</c>), and its fix, not offered on the
/// template, says where to change the value (TemplateDefaultsFixTests: where the fix edits it).
/// </summary>
public sealed class TemplateDefaultsLintTests
{
    private const string Tls = "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination\nsmtpd_tls_cert_file = /etc/ssl/c.pem\nsmtpd_tls_key_file = /etc/ssl/k.pem\nsmtpd_tls_security_level = may\nsmtp_tls_security_level = may\ndisable_vrfy_command = yes\n";

    private static readonly PostfixDialect Postfix = new();

    /// <summary>A role in <paramref name="dir"/>: its defaults/main.yml and templates/main.cf.j2; the template's path.</summary>
    private static string Role(TempDir dir, string defaults, string template)
    {
        dir.Write("role/defaults/main.yml", defaults);
        return dir.Write("role/templates/main.cf.j2", template);
    }

    private static LintResult Lint(string path, bool defaults = true) =>
        new Linter(RuleSet.Default, new AnalysisOptions(Hostname: "mx.example.com") { ReadTemplateDefaults = defaults })
            .Lint(Postfix, [new SourceFile(path, File.ReadAllText(path))]);

    [Fact]
    public void A_spliced_text_maps_each_char_into_the_tag_and_keeps_the_rest_where_it_was()
    {
        const string file = "smtpd_banner = {{ b }} tail";
        var value = MappedText.FromFile(file, TextSpan.FromBounds(15, file.Length));
        var tag = new TextSpan(15, "{{ b }}".Length);

        var spliced = value.Splice(0, tag.Length, "$myhostname ESMTP", tag);

        Assert.Equal("$myhostname ESMTP tail", spliced.Text);
        Assert.All(Enumerable.Range(0, 17), i => Assert.InRange(spliced.ToFile(i), tag.Start, tag.End - 1));
        Assert.Equal(tag.Start, spliced.ToFile(0));
        Assert.Equal(file.IndexOf(" tail", StringComparison.Ordinal), spliced.ToFile(17));
        Assert.Equal(file.Length, spliced.ToFile(spliced.Length));
        Assert.Equal(tag, spliced.FileSpan(0, 17));
        // A slice keeps the clamp: "ESMTP" is in the tag, not past it.
        Assert.InRange(spliced.Slice(12, 17).FileSpan(0, 5).End, tag.Start, tag.End);
    }

    /// <summary>postconf, given the rendering, reads the same values as the model holds after splicing (the view parsed, the known texts put in).</summary>
    [Theory]
    [InlineData("smtpd_banner = {{ b }}\n", "$myhostname ESMTP $mail_name (Ubuntu)")]
    [InlineData("smtpd_banner = x{{ b }}y\nbiff = no\n", "  $myhostname ESMTP  ")]
    [InlineData("mynetworks = 127.0.0.0/8 {{ b }} [::1]/128\nbiff = no\n", "10.0.0.0/8\n    192.168.0.0/16,\n\n    172.16.0.0/12")]
    [InlineData("smtpd_client_restrictions = {{ b }}\n  reject\n", "permit_mynetworks,\n# a comment line inside\n  permit_sasl_authenticated,")]
    [InlineData("smtpd_banner = {{ b }}\n", "")]
    [InlineData("smtpd_banner = $myhostname {{ b }}\n", "\n  ESMTP\n")]
    public void Postconf_reads_a_spliced_value_as_it_reads_the_rendering(string template, string value)
    {
        var (model, holes) = Spliced(template, value);
        var rendering = template.Replace("{{ b }}", value, StringComparison.Ordinal);

        Assert.Equal(0, holes);
        // postconf normalises the blanks it prints: the model's values go through it too.
        Assert.Equal(TemplateViewOracleTests.Values(rendering), TemplateViewOracleTests.Values(string.Concat(model.Select(kv => $"{kv.Key} = {kv.Value}\n"))));
    }

    [Theory]
    [InlineData("myorigin = {{ b }}\nbiff = no\n", "example.com\nmydomain = other.example")] // a line at column 0: another setting
    [InlineData("smtpd_banner = {{ b }} tail\n", "a\n# comment")] // the comment line would take " tail" with it
    [InlineData("smtpd_banner = {{ b }}  \n  more\n", "a\n")] // the blanks after the tag would be skipped with the blank line
    public void A_text_postconf_would_read_otherwise_than_as_part_of_the_value_stays_a_hole(string template, string value)
    {
        var (_, holes) = Spliced(template, value);

        Assert.Equal(1, holes);
    }

    private static (Dictionary<string, string> Values, int Holes) Spliced(string template, string value)
    {
        var document = TemplateDocument.Parse(new SourceFile("main.cf.j2", template), JinjaOptions.Ansible);
        var view = TemplateView.Build(document, t => new RenderedExpression(value, []));
        var main = MainCfParser.Parse(document.File.WithText(view.Text));
        main = MainCfTemplateValues.Splice(main, view, out var spliced);
        Assert.DoesNotContain(main.Assignments, a => a.Value.Contains(TemplateView.Filler) && !view.WithSpliced(spliced).Holes.Any());
        return (main.Effective.ToDictionary(a => a.Key, a => a.Value.Value), view.WithSpliced(spliced).Holes.Count);
    }

    [Fact]
    public void A_banner_from_a_role_default_is_judged_and_points_at_the_yaml_line()
    {
        using var dir = new TempDir();
        var path = Role(dir, "---\n# the banner\npostfix_banner: \"$myhostname ESMTP $mail_name (Ubuntu)\"\n", "smtpd_banner = {{ postfix_banner }}\n" + Tls);

        var result = Lint(path);

        var os = result.Diagnostics.Single(d => d.RuleId == "MTA102");
        Assert.Equal(1, os.Start!.Value.Line);
        Assert.InRange(os.Start!.Value.Column, 16, 16 + "{{ postfix_banner }}".Length - 1); // inside the tag
        var related = Assert.Single(os.Finding.Related);
        Assert.Equal(Path.Combine(dir.Path, "role", "defaults", "main.yml"), related.Location.File.Path);
        Assert.Equal(3, related.Location.Start.Line);
        Assert.Contains("`postfix_banner`", related.Message, StringComparison.Ordinal);
        Assert.Null(os.Fix);
        Assert.Contains($"not fixed: set by `postfix_banner` in {related.Location.File.Path}:3; change it there", os.Finding.Notes);
        Assert.Contains("MTA103", result.Diagnostics.Select(d => d.RuleId));

        // Without the defaults the tag is a hole: nothing is concluded from it.
        Assert.DoesNotContain(Lint(path, defaults: false).Diagnostics, d => d.RuleId is "MTA102" or "MTA103");
    }

    [Fact]
    public void A_defaults_file_that_is_not_valid_yaml_is_a_note_and_its_variables_are_unknown()
    {
        using var dir = new TempDir();
        var path = Role(dir, "postfix_banner: \"$myhostname ESMTP (Ubuntu)\"\n  : [unclosed\n", "smtpd_banner = {{ postfix_banner }}\n" + Tls);

        var result = Lint(path);

        Assert.Contains(result.Remarks, r => r.StartsWith(Path.Combine(dir.Path, "role", "defaults", "main.yml") + ":", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId is "MTA102" or "MTA103");
    }

    [Fact]
    public void A_default_inside_a_branch_the_defaults_do_not_take_or_whose_condition_reads_it_is_not_used()
    {
        using var dir = new TempDir();
        var path = Role(dir,
            "postfix_tls: false\npostfix_level: none\npostfix_delay: ''\n",
            Tls + "{% if postfix_tls %}\nsmtpd_tls_security_level = {{ postfix_level }}\n{% endif %}\n"
            + "{% if postfix_delay | length > 0 %}\ndelay_warning_time = {{ postfix_delay }}\n{% endif %}\n");

        var result = Lint(path);

        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId is "MTA201" or "MTA307");

        // Taken by the defaults: judged with them, and said to hold under the branch's condition.
        var taken = Role(dir, "postfix_tls: true\npostfix_level: none\n", Tls + "{% if postfix_tls %}\nsmtpd_tls_security_level = {{ postfix_level }}\n{% endif %}\n");
        var finding = Lint(taken).Diagnostics.Single(d => d.RuleId == "MTA201");
        Assert.Contains("(when `postfix_tls` is true)", finding.Message, StringComparison.Ordinal);
        Assert.Contains(finding.Finding.Related, r => r.Message.Contains("`postfix_level`", StringComparison.Ordinal) && r.Location.Start.Line == 2);
    }

    [Fact]
    public void The_cli_reports_the_yaml_line_in_text_json_and_sarif_and_no_template_defaults_turns_it_off()
    {
        // A real role of the test data (geerlingguy.postfix), its one default changed so that port 25 is public.
        using var dir = new TempDir();
        var role = Path.Combine(TestPaths.TestsData, "templates", "geerlingguy__ansible-role-postfix");
        var defaults = File.ReadAllText(Path.Combine(role, "defaults", "main.yml")).Replace("postfix_inet_interfaces: localhost", "postfix_inet_interfaces: all", StringComparison.Ordinal);
        var path = Role(dir, defaults, File.ReadAllText(Path.Combine(role, "templates", "main.cf.j2")));
        var yaml = Path.Combine(dir.Path, "role", "defaults", "main.yml");
        var bannerLine = Array.FindIndex(defaults.Split('\n'), l => l.StartsWith("postfix_smtpd_banner:", StringComparison.Ordinal)) + 1;

        var text = CliRunner.RunReal([path]);
        Assert.Equal(1, text.ExitCode);
        Assert.Contains("warning[MTA102] the banner names the operating system (\"Debian\", \"GNU\")", text.Stdout, StringComparison.Ordinal);
        Assert.Contains($"= {yaml}:{bannerLine}:23: `postfix_smtpd_banner` has its default here", text.Stdout, StringComparison.Ordinal);
        // The template named alone: its role's defaults are not among the files mtalint may write.
        Assert.Contains($"= not fixed: set by `postfix_smtpd_banner` in {yaml}:{bannerLine} (the defaults file is not among the files mtalint may write: name the role's folder); change it there", text.Stdout, StringComparison.Ordinal);

        var json = CliRunner.RunReal(["--format", "json", path]);
        SchemaValidation.AssertValidReport(json.Stdout);
        var os = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("rule").GetString() == "MTA102");
        var related = Assert.Single(os.GetProperty("related").EnumerateArray());
        Assert.Equal(yaml, related.GetProperty("file").GetString());
        Assert.Equal(bannerLine, related.GetProperty("line").GetInt32());

        var sarif = CliRunner.RunReal(["--format", "sarif", path]);
        SchemaValidation.AssertValidSarif(sarif.Stdout);
        var result = JsonDocument.Parse(sarif.Stdout).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "MTA102");
        var location = Assert.Single(result.GetProperty("relatedLocations").EnumerateArray());
        Assert.Equal(bannerLine, location.GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.EndsWith("role/defaults/main.yml", location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);

        var off = CliRunner.RunReal(["--no-template-defaults", path]);
        Assert.DoesNotContain("MTA102", off.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("judged with the defaults in", off.Stdout, StringComparison.Ordinal);

        // As shipped (inet_interfaces = localhost by default) the banner reaches no client: no banner finding.
        var shipped = CliRunner.RunReal([Path.Combine(role, "templates", "main.cf.j2")]);
        Assert.DoesNotContain("MTA102", shipped.Stdout, StringComparison.Ordinal);
        Assert.Contains("template expressions are judged with the defaults in", shipped.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Known_expressions_of_the_test_data_are_counted()
    {
        var known = 0;
        var all = 0;
        var files = 0;
        foreach (var full in Directory.EnumerateFiles(Path.Combine(TestPaths.TestsData, "templates"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var file = new SourceFile(full, File.ReadAllText(full));
            if (TemplateReading.ViewOf(file, AnalysisOptions.Default, out _) is not { Document.Options: JinjaOptions } view)
            {
                continue;
            }

            all += view.Document.Tokens.Count(t => t.Kind == TemplateTokenKind.Expression);
            known += view.Rendered.Count;
            files++;
        }

        var said = $"Jinja expressions of the test data's templates judged with a default: {known} of {all} ({files} templates)";
        TestContext.Current.SendDiagnosticMessage(said);
        TestContext.Current.TestOutputHelper?.WriteLine(said);
        Assert.InRange(known, 1, all);
    }
}
