using MtaLint.Dialects;
using MtaLint.Tests.Cli;

namespace MtaLint.Tests.Robustness;

/// <summary>Templates (Jinja, ERB, EPP) of every dialect are linted by default, <c>--no-templates</c> skips them; other templates are skipped with a note.</summary>
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
    public void A_walk_lints_postfix_templates_by_default_and_no_templates_skips_them_with_a_note()
    {
        using var dir = new TempDir();
        dir.Write("main.cf.j2", "myhostname = {{ fqdn }}\n" + BadBanner);
        dir.Write("README.md", "{{ not a config }}\n");

        var run = CliRunner.RunReal("--color", "never", dir.Path);
        var skipped = CliRunner.RunReal("--no-templates", "--color", "never", dir.Path);
        var alias = CliRunner.RunReal("--include-templates", "--color", "never", dir.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("main.cf.j2:2:", run.Stdout);
        Assert.Contains("MTA101", run.Stdout);
        Assert.DoesNotContain("README.md", run.Stdout + run.Stderr);
        Assert.Equal(0, skipped.ExitCode);
        Assert.Contains("main.cf.j2: a template, skipped (--no-templates)", skipped.Stderr);
        Assert.Equal(run.Stdout, alias.Stdout); // the old flag is accepted and changes nothing
        Assert.Equal(run.ExitCode, alias.ExitCode);
    }

    [Fact]
    public void Help_names_no_templates_and_hides_the_old_flag()
    {
        var run = CliRunner.RunReal("--help");

        Assert.Contains("--no-templates", run.Stdout);
        Assert.DoesNotContain("--include-templates", run.Stdout);
    }

    [Fact]
    public void A_named_salt_main_cf_with_jinja_markers_is_linted_and_fix_keeps_its_tags()
    {
        using var dir = new TempDir();
        var text = "myhostname = {{ inventory_hostname }}\n" + BadBanner + "smtpd_tls_security_level = may\nsmtpd_tls_cert_file = /c\nsmtpd_tls_key_file = /k\nsmtp_tls_security_level = may\ndisable_vrfy_command = yes\nsmtpd_relay_restrictions = reject_unauth_destination\n";
        var path = dir.Write("main.cf", text);

        var run = CliRunner.RunReal("--fix", "--color", "never", path);

        Assert.Equal(0, run.ExitCode);
        var after = File.ReadAllText(path);
        Assert.StartsWith("myhostname = {{ inventory_hostname }}\n", after, StringComparison.Ordinal);
        Assert.DoesNotContain("$mail_version", after);
    }

    /// <summary>
    /// A config-named file is a template by its markers wherever the first one is: a Salt main.cf whose first tag is
    /// 5 KB in (past the 4 KB head discovery reads first) is read as a template, not as a literal main.cf whose tag
    /// lines are syntax errors, and <c>--no-templates</c> skips it.
    /// </summary>
    [Fact]
    public void A_salt_main_cf_whose_first_tag_is_past_the_head_is_a_template()
    {
        using var dir = new TempDir();
        var literal = "compatibility_level = 3.6\n" + string.Concat(Enumerable.Range(0, 78).Select(i => $"# line {i:D3}: literal text that pushes the first tag past the head\n"));
        var text = literal + "myhostname = {{ grains['id'] }}\n{% if relay %}\nrelayhost = [{{ relay }}]\n{% endif %}\n";
        var path = dir.Write("main.cf", text);
        Assert.InRange(literal.Length, 5000, 5200); // the first tag at about 5 KB

        var view = TemplateReading.ViewOf(new MtaLint.Text.SourceFile(path, text), t => null);
        Assert.NotNull(view);
        Assert.Equal(literal.Length + "myhostname = ".Length, view.Tags.First().Span.Start);
        foreach (var run in WalkedAndNamed(dir, path))
        {
            Assert.True(run.ExitCode is 0 or 1, $"exit {run.ExitCode}: {run.Stdout}{run.Stderr}");
            Assert.DoesNotContain("MTA000", run.Stdout);
        }

        var skipped = CliRunner.RunReal("--no-templates", "--color", "never", dir.Path);
        Assert.Contains("main.cf: a template, skipped (--no-templates)", skipped.Stderr);
    }

    /// <summary>
    /// Markers are looked for in the whole file, in time linear in its size: a 2 MB line of openings that never close
    /// (<c>{% a {% a ...</c>, <c>&lt;% &lt;% ...</c>) is no template and no crash.
    /// </summary>
    [Theory]
    [InlineData("{% a ")]
    [InlineData("<% ")]
    public void A_long_line_of_unclosed_markers_is_read_without_a_crash(string opening)
    {
        using var dir = new TempDir();
        var text = "compatibility_level = 3.6\nmynetworks = " + string.Concat(Enumerable.Repeat(opening, (2 << 20) / opening.Length)) + "\n";
        var path = dir.Write("main.cf", text);

        Assert.Null(TemplateDetector.Recognize(path, text));
        var run = CliRunner.RunReal("--color", "never", path);
        Assert.True(run.ExitCode is 0 or 1 or 2, $"exit {run.ExitCode}");
        Assert.DoesNotContain("Unhandled", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public void A_template_the_engine_refuses_is_a_syntax_error_with_exit_code_2()
    {
        using var dir = new TempDir();
        var path = dir.Write("main.cf.j2", "myhostname = a\n{% if x %}\nrelayhost = b\n");

        var run = CliRunner.RunReal("--color", "never", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{path}:2:1: error[MTA000]", run.Stdout);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    /// <summary>
    /// A template of an engine mtalint does not read (<c>.tmpl</c>, <c>.in</c>) is skipped with a note, walked or named
    /// alike (Postfix, Exim and Sendmail templates of Jinja2, ERB and EPP are read).
    /// </summary>
    [Theory]
    [InlineData("sendmail.mc.tmpl", "divert(0)dnl\ndefine(`confSMTP_LOGIN_MSG', `$j Sendmail $v; $b')dnl\nMAILER(`smtp')dnl\n", "a template of an engine mtalint does not read, skipped")]
    [InlineData("main.cf.in", "myhostname = @HOST@\n", "a template of an engine mtalint does not read, skipped")]
    public void Templates_mtalint_does_not_read_are_noted_alike_in_a_walk_and_by_name(string name, string text, string note)
    {
        using var dir = new TempDir();
        var path = dir.Write(name, text);

        foreach (var run in WalkedAndNamed(dir, path))
        {
            Assert.Equal(0, run.ExitCode);
            Assert.Contains($"mtalint: note: {path}: {note}", run.Stderr);
            Assert.DoesNotContain("no mail server config found", run.Stderr);
        }
    }

    /// <summary>
    /// A Jinja2, ERB or EPP template of each dialect's config is linted as that config, walked or named alike,
    /// with no note on standard error: no dialect's templates are skipped.
    /// </summary>
    [Theory]
    [InlineData("main.cf.j2", "myhostname = {{ fqdn }}\n" + BadBanner)]
    [InlineData("exim4.conf.erb", "primary_hostname = <%= @fqdn %>\nsmtp_banner = $smtp_active_hostname ESMTP Exim $version_number $tod_full\n")]
    [InlineData("sendmail.mc.epp", "divert(0)dnl\ndefine(`confDOMAIN_NAME', `<%= $fqdn %>')dnl\ndefine(`confSMTP_LOGIN_MSG', `$j Sendmail $v; $b')dnl\nMAILER(`smtp')dnl\n")]
    public void Templates_of_every_dialect_are_linted_alike_in_a_walk_and_by_name(string name, string text)
    {
        using var dir = new TempDir();
        var path = dir.Write(name, text);

        foreach (var run in WalkedAndNamed(dir, path))
        {
            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"{path}:", run.Stdout);
            Assert.Contains("warning[MTA101]", run.Stdout);
            Assert.DoesNotContain("note:", run.Stderr);
        }
    }

    [Fact]
    public void Show_writes_a_placeholder_where_a_tag_is_never_the_masked_text()
    {
        using var dir = new TempDir();
        var path = dir.Write("main.cf.j2", "inet_interfaces = {{ postfix_inet_interfaces }}\nrelayhost = [{{ relay }}]:587\n");

        var text = CliRunner.RunReal("show", path);
        var json = CliRunner.RunReal("show", "--format", "json", path);

        Assert.Contains("inet_interfaces = {{ … }}", text.Stdout);
        Assert.Contains("relayhost = [{{ … }}]:587", text.Stdout);
        Assert.Contains("\"relayhost\": \"[{{ … }}]:587\"", json.Stdout);
        Assert.DoesNotContain("\uE000", text.Stdout + json.Stdout);
        Assert.DoesNotContain("uE000", json.Stdout, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>mtalint run on the folder holding <paramref name="path"/> (a walk), then on the file by name.</summary>
    private static CliRunner.Result[] WalkedAndNamed(TempDir dir, string path) =>
        [CliRunner.RunReal("--color", "never", dir.Path), CliRunner.RunReal("--color", "never", path)];
}
