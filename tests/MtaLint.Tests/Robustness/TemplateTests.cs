using MtaLint.Dialects;
using MtaLint.Tests.Cli;

namespace MtaLint.Tests.Robustness;

/// <summary>Templates (Jinja, ERB, <c>.in</c>) are skipped with a note unless <c>--include-templates</c> asks for them.</summary>
public sealed class TemplateTests
{
    private const string BadBanner = "smtpd_banner = $myhostname ESMTP $mail_name $mail_version\n";

    [Theory]
    [InlineData("main.cf.j2", true)]
    [InlineData("sendmail.mc.tpl", true)]
    [InlineData("main.cf.erb", true)]
    [InlineData("main.cf.in", true)]
    [InlineData("exim4.conf.template", false)] // Debian's real config, not a template
    [InlineData("main.cf", false)]
    [InlineData("main.cf.debian", false)]
    public void Template_names(string name, bool template) =>
        Assert.Equal(template, TemplateDetector.HasTemplateName("/etc/postfix/" + name));

    [Theory]
    [InlineData("myhostname = {{ ansible_fqdn }}\n", true)]
    [InlineData("{% if tls %}\nsmtpd_tls_security_level = may\n{% endif %}\n", true)]
    [InlineData("myhostname = <%= @fqdn %>\n", true)]
    [InlineData("  condition = ${if and{{def:h_from:}{eq{$h_to:}{x}}}}\n", false)] // Exim braces are not Jinja
    [InlineData("define(`confSMTP_LOGIN_MSG', `$j')dnl\n", false)]
    public void Template_markers(string text, bool template) =>
        Assert.Equal(template, TemplateDetector.HasTemplateMarkers(text));

    [Fact]
    public void A_walk_skips_templates_with_a_note_and_the_exit_code_follows_the_real_configs()
    {
        using var dir = new TempDir();
        dir.Write("main.cf.j2", "myhostname = {{ fqdn }}\n" + BadBanner);
        dir.Write("main.cf", "smtpd_banner = $myhostname ESMTP\nsmtpd_tls_security_level = may\nsmtp_tls_security_level = may\n");

        var run = CliRunner.RunReal("--color", "never", dir.Path);
        File.Delete(dir.File("main.cf.j2"));
        var without = CliRunner.RunReal("--color", "never", dir.Path);

        Assert.Contains("main.cf.j2: a template, skipped (--include-templates lints it)", run.Stderr);
        Assert.DoesNotContain("main.cf.j2:", run.Stdout);
        Assert.DoesNotContain("MTA101", run.Stdout);
        Assert.Equal(without.Stdout, run.Stdout);
        Assert.Equal(without.ExitCode, run.ExitCode);
    }

    [Fact]
    public void A_named_file_with_jinja_markers_is_skipped_and_never_written_by_fix()
    {
        using var dir = new TempDir();
        var text = "myhostname = {{ inventory_hostname }}\n" + BadBanner;
        var path = dir.Write("main.cf", text);

        var run = CliRunner.RunReal("--fix", "--color", "never", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("a template, skipped", run.Stderr);
        Assert.DoesNotContain("no mail server config found", run.Stderr);
        Assert.Equal(text, File.ReadAllText(path));
    }

    /// <summary>
    /// A template is judged as the config it renders: <c>exim4.conf.j2</c> is an Exim config's
    /// template whether walked or named (walks used to pass it over in silence, as no dialect
    /// knows the name with its suffix), and <c>--include-templates</c> lints it as Exim.
    /// </summary>
    [Theory]
    [InlineData("exim4.conf.j2", "primary_hostname = {{ fqdn }}\nsmtp_banner = $smtp_active_hostname ESMTP Exim $version_number\n")]
    [InlineData("sendmail.mc.tmpl", "divert(0)dnl\ndefine(`confSMTP_LOGIN_MSG', `$j Sendmail $v; $b')dnl\nMAILER(`smtp')dnl\n")]
    public void A_template_is_noted_alike_in_a_walk_and_by_name_and_linted_as_what_it_renders(string name, string text)
    {
        using var dir = new TempDir();
        var path = dir.Write(name, text);

        var walk = CliRunner.RunReal("--color", "never", dir.Path);
        var named = CliRunner.RunReal("--color", "never", path);
        var included = CliRunner.RunReal("--include-templates", "--color", "never", dir.Path);

        foreach (var run in new[] { walk, named })
        {
            Assert.Equal(0, run.ExitCode);
            Assert.Contains($"mtalint: note: {path}: a template, skipped (--include-templates lints it)", run.Stderr);
            Assert.DoesNotContain("no mail server config found", run.Stderr);
        }

        Assert.Equal(1, included.ExitCode);
        Assert.Contains($"{path}:2:", included.Stdout);
        Assert.Contains("MTA101", included.Stdout);
    }

    [Fact]
    public void Include_templates_lints_them()
    {
        using var dir = new TempDir();
        dir.Write("main.cf.j2", BadBanner);

        var run = CliRunner.RunReal("--include-templates", "--color", "never", dir.Path);

        Assert.Contains("MTA101", run.Stdout);
        Assert.DoesNotContain("a template, skipped", run.Stderr);
        Assert.Equal(1, run.ExitCode);
    }
}
