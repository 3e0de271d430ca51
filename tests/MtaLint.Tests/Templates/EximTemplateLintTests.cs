using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Syntax.Templates;
using MtaLint.Text;

namespace MtaLint.Tests.Templates;

/// <summary>
/// Exim templates linted as the configs they render, on the contract of Postfix's: spans are the template's, round
/// trip byte-exact, literal parts of a value with a hole judged and nothing concluded from the hole, conditions said,
/// absence judged only where nothing can make the setting, fixes on literal text only, and a finding on a line kept
/// only where it also holds with the blocks that do not hold that line left out.
/// </summary>
public sealed class EximTemplateLintTests
{
    private static readonly AnalysisOptions Options = new(Hostname: "mx.example.com");

    private static readonly EximDialect Exim = new();

    private const string Jarppiko = "templates/jarppiko__ansible-role-exim4/templates/exim4.conf.j2";

    private const string AitCs = "templates/ait-cs-IaaS__ansible-exim/templates/exim4.conf.template.j2";

    private static LintResult Lint(string text, string path = "/srv/role/templates/exim4.conf.j2") =>
        new Linter(RuleSet.Default, Options).Lint(Exim, [new SourceFile(path, text)]);

    private static LintResult LintFile(string relative) =>
        new Linter(RuleSet.Default, Options).Lint(Exim, [TemplateFiles.Read(relative)]);

    private static List<string> RealEximTemplates() =>
        Soundness.TemplateRenderer.RealTemplates().Where(t => new EximDialect().Recognizes(TemplateDetector.WithoutTemplateSuffix(t) ?? t, () => File.ReadAllText(TemplateFiles.FullPath(t)))).ToList();

    public static TheoryData<string> EximTemplates() => [.. RealEximTemplates()];

    [Theory]
    [InlineData(MtaConfig.MaxTemplateProjections - 2)]
    [InlineData(MtaConfig.MaxTemplateProjections + 5)]
    public void Findings_in_more_different_blocks_than_the_template_is_read_again_for_are_left_out_and_counted_in_a_remark(int blocks)
    {
        // Each block's assignment is dead (the last, unconditional one wins in every rendering): a finding in each block,
        // each confirmed on its own projection (the config with every other block left out).
        var text = new System.Text.StringBuilder("primary_hostname = {{ ansible_fqdn }}\n");
        for (var i = 0; i < blocks; i++)
        {
            text.Append($"{{% if flag_{i} %}}\nsmtp_accept_max = {i}\n{{% endif %}}\n");
        }

        var result = Lint(text.Append("smtp_accept_max = 99\n").ToString());

        // Findings outside every block share one more projection (every block left out).
        var reported = result.Diagnostics.Count(d => d.RuleId == "MTA305");
        if (blocks < MtaConfig.MaxTemplateProjections)
        {
            Assert.Equal(blocks, reported);
            Assert.DoesNotContain(result.Remarks, r => r.Contains("sets of blocks", StringComparison.Ordinal));
        }
        else
        {
            Assert.InRange(reported, MtaConfig.MaxTemplateProjections - 1, MtaConfig.MaxTemplateProjections);
            var remark = Assert.Single(result.Remarks, r => r.Contains("not reported", StringComparison.Ordinal) && r.Contains("sets of blocks", StringComparison.Ordinal));
            Assert.Contains($"{blocks - reported} findings (MTA305) not reported", remark, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(EximTemplates))]
    public void Every_real_Exim_template_is_read_and_printed_back_byte_for_byte(string template)
    {
        var file = TemplateFiles.Read(template);
        Assert.NotNull(EximDialect.ViewOf(file, TemplateView.Unknown));
        Assert.Equal(file.Text, Exim.Reprint(file));
        var result = Exim.Analyze([file], Options);
        Assert.True(result.Errors.All(e => e.Location.File.Path == file.Path), string.Join("\n", result.Errors.Select(e => e.Message)));
    }

    [Fact]
    public void The_real_templates_include_both_Exim_configs_and_update_exim4_conf_conf_files()
    {
        var templates = RealEximTemplates();
        var debconf = templates.Where(t => EximDialect.IsUpdateEximConf(TemplateFiles.Read(t).WithText(EximDialect.ViewOf(TemplateFiles.Read(t), TemplateView.Unknown)!.Text))).ToList();
        Assert.Equal(8, templates.Count - debconf.Count);
        Assert.Equal(4, debconf.Count);
        foreach (var t in debconf)
        {
            // Read as Debian's update-exim4.conf.conf, alone: its own syntax is checked, no Exim option is claimed unknown.
            var result = LintFile(t);
            Assert.DoesNotContain(result.Diagnostics, d => d.RuleId == "MTA304");
            Assert.Contains(result.Remarks, r => r.Contains("is Debian's update-exim4.conf.conf", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_banner_with_a_hole_leaks_the_version_whatever_the_variable_is_and_nothing_is_concluded_from_the_hole()
    {
        // Line 36: smtp_banner = {{ exim_server_name }} ESMTP Exim $version_number $tod_full
        var result = LintFile(Jarppiko);
        var banner = result.Diagnostics.Where(d => d.Finding.Location?.Start.Line == 36).ToList();
        Assert.Equal(["MTA101", "MTA103", "MTA109"], banner.Select(d => d.RuleId).Order(StringComparer.Ordinal));
        var version = banner.Single(d => d.RuleId == "MTA101");
        Assert.Equal(49, version.Finding.Location!.Start.Column);
        Assert.Contains(version.Finding.Notes, n => n.Contains("220 {{ exim_server_name }} ESMTP Exim", StringComparison.Ordinal));
        Assert.Null(version.Finding.Fix);
        Assert.Contains(version.Finding.Notes, n => n == "not fixed: the value depends on the template: `exim_server_name` decides it");
        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId is "MTA102" or "MTA104"); // no "host name missing" from the hole
    }

    [Fact]
    public void A_finding_on_an_unconditional_line_that_rests_on_a_conditional_block_is_not_reported()
    {
        // AUTH before TLS needs a server authenticator: here only when `auth` is true.
        const string text = "primary_hostname = mx.example.com\nauth_advertise_hosts = *\ntls_advertise_hosts =\nbegin authenticators\n{% if auth %}\nplain:\n  driver = plaintext\n  public_name = PLAIN\n  server_condition = yes\n{% endif %}\n";
        Assert.Contains(Lint(text.Replace("{% if auth %}\n", "").Replace("{% endif %}\n", ""), "/srv/exim4.conf").Diagnostics, d => d.RuleId == "MTA207");
        Assert.DoesNotContain(Lint(text).Diagnostics, d => d.RuleId == "MTA207");

        // With the authenticator outside the block it holds in every rendering, and it is reported.
        var always = Lint("primary_hostname = mx.example.com\nauth_advertise_hosts = *\ntls_advertise_hosts =\n{% if x %}\nqualify_domain = q.example\n{% endif %}\nbegin authenticators\nplain:\n  driver = plaintext\n  public_name = PLAIN\n  server_condition = yes\n");
        Assert.Contains(always.Diagnostics, d => d.RuleId == "MTA207");
    }

    [Fact]
    public void A_finding_on_a_conditional_line_says_when_it_holds_and_its_fix_is_offered_only_on_literal_text()
    {
        var result = Lint("primary_hostname = mx.example.com\n{% if vrfy %}\nacl_smtp_vrfy = accept\n{% endif %}\n");
        var vrfy = Assert.Single(result.Diagnostics, d => d.RuleId == "MTA301");
        Assert.Equal(3, vrfy.Finding.Location!.Start.Line);
        Assert.EndsWith("(when `vrfy` is true)", vrfy.Finding.Message, StringComparison.Ordinal);
        Assert.NotNull(vrfy.Finding.Fix);
        Assert.All(vrfy.Finding.Fix!.Edits, e => Assert.True(e.Span.Start >= "primary_hostname = mx.example.com\n{% if vrfy %}\n".Length && e.Span.End <= "primary_hostname = mx.example.com\n{% if vrfy %}\nacl_smtp_vrfy = accept\n".Length));
    }

    [Fact]
    public void A_new_setting_is_not_inserted_inside_a_block_and_absence_is_not_reported_where_variables_write_settings()
    {
        // The main section ends inside a block: the banner fix would add a line there.
        var inBlock = Lint("primary_hostname = mx.example.com\n{% if x %}\nqualify_domain = q.example\nbegin acl\n{% endif %}\n");
        Assert.All(inBlock.Diagnostics.Where(d => d.RuleId == "MTA101"), d => Assert.Null(d.Finding.Fix));

        var generated = Lint("primary_hostname = mx.example.com\n{{ exim_main_section }}\n");
        Assert.DoesNotContain(generated.Diagnostics, d => d.Finding.Location is null);
        Assert.Contains(generated.Remarks, r => r.StartsWith("settings come from template variables (`exim_main_section`", StringComparison.Ordinal));
    }

    [Fact]
    public void A_driver_whose_name_a_tag_writes_is_its_own_driver_and_what_it_sets_depends_on_the_template()
    {
        const string text = "primary_hostname = mx.example.com\nbegin routers\n{% for v in vs %}\n{{ v }}_users:\n  driver = redirect\n  data = x\n{{ v }}_imap:\n  driver = accept\n  transport = t\n{% endfor %}\nbegin transports\nt:\n  driver = appendfile\n  file = /tmp/x\n";
        var result = Lint(text);
        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId is "MTA000" or "MTA305");
    }

    [Fact]
    public void Exim_braces_inside_a_raw_block_are_Exim_text_and_outside_one_Jinja_decides_as_Jinja_does()
    {
        // ait-cs-IaaS's template keeps ${if and{{def:...}...}} inside {% raw %}...{% endraw %} (lines 778-793).
        var file = TemplateFiles.Read(AitCs);
        var view = EximDialect.ViewOf(file, TemplateView.Unknown)!;
        var lines = file.Text.Split('\n');
        var viewLines = view.Text.Split('\n');
        Assert.Equal("{% raw %}", lines[777]);
        Assert.Contains("${if and{{def:sender_host_address}{!def:sender_host_name}}", lines[788], StringComparison.Ordinal);
        Assert.Equal(lines[788], viewLines[788]);
        // Jinja keeps the line break after {% raw %} even with trim_blocks (it renders "a\n{% raw %}\nb\n" as "a\n\nb\n"),
        // and drops the one after {% endraw %}: the view reads the first as a blank line, the second as a comment line.
        Assert.Equal("", viewLines[777].Trim());
        Assert.StartsWith("#", viewLines[792], StringComparison.Ordinal);
        Assert.DoesNotContain(view.Holes, h => file.GetPosition(h.Span.Start).Line is >= 778 and <= 793);

        // Outside a raw block `{{` opens a Jinja expression, as Jinja itself reads it: the engine refuses this line.
        var bare = TemplateDocument.Parse(new SourceFile("exim4.conf.j2", "acl_smtp_helo = ${if and{{def:h}{eq{1}{1}}}{accept}{deny}}\n"), JinjaOptions.Ansible);
        Assert.NotEmpty(bare.Errors);
    }
}
