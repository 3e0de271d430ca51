using System.Runtime.InteropServices;
using System.Text.Json;
using MtaLint.Tests.Cli;
using MtaLint.Tests.Ecosystem;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Templates;

/// <summary>
/// <c>--fix</c> on a finding whose text a role default decided edits the default in <c>defaults/main.yml</c> in place,
/// proved with the real tools: the role rendered by Jinja2 under the defaults as PyYAML reads them, before and after,
/// postconf accepting both and reading them differently only in the setting the finding names, and mtalint no longer
/// reporting it. A default used elsewhere in the role, or a defaults file mtalint may not write, is not edited.
/// </summary>
public sealed class TemplateDefaultsFixTests
{
    private const string Tls = "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination\nsmtpd_tls_cert_file = /etc/ssl/c.pem\nsmtpd_tls_key_file = /etc/ssl/k.pem\nsmtpd_tls_security_level = may\nsmtp_tls_security_level = may\ndisable_vrfy_command = yes\ninet_interfaces = all\n";

    private static CliRunner.Result Run(params string[] args) => CliRunner.RunReal(["--color", "never", "--hostname", "mx.example.com", .. args]);

    /// <summary>What postconf reads from the rendering of <paramref name="template"/> under <paramref name="defaults"/>.</summary>
    private static Dictionary<string, string> Rendered(string template, string defaults) =>
        TemplateViewOracleTests.Values(TemplateOracle.RoleRender(template, defaults));

    private static void AssertOnlyDiffer(Dictionary<string, string> before, Dictionary<string, string> after, string setting)
    {
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(before.Where(kv => kv.Key != setting), after.Where(kv => kv.Key != setting));
        Assert.NotEqual(before[setting], after[setting]);
    }

    [Fact]
    public void The_banner_default_of_a_real_role_is_fixed_in_its_yaml_line_and_only_the_banner_renders_otherwise()
    {
        // geerlingguy.postfix (MIT), port 25 made public so that its banner is judged.
        using var dir = new TempDir();
        var role = Path.Combine(TestPaths.TestsData, "templates", "geerlingguy__ansible-role-postfix");
        var original = File.ReadAllText(Path.Combine(role, "defaults", "main.yml")).Replace("postfix_inet_interfaces: localhost", "postfix_inet_interfaces: all", StringComparison.Ordinal);
        var yaml = dir.Write("role/defaults/main.yml", original);
        var templateText = File.ReadAllText(Path.Combine(role, "templates", "main.cf.j2"));
        var template = dir.Write("role/templates/main.cf.j2", templateText);
        var before = Rendered(template, yaml);

        var check = Run("--select", "MTA102,MTA103", dir.File("role"));
        Assert.Contains("= fix (safe):", check.Stdout, StringComparison.Ordinal);
        Assert.Contains($"the fix edits the default of `postfix_smtpd_banner` in {yaml}:10, which only this template uses", check.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("change it there", check.Stdout, StringComparison.Ordinal);

        // JSON and SARIF: the fix's edit is in the YAML file, not in the template the finding is on.
        var json = Run("--format", "json", "--select", "MTA102,MTA103", dir.File("role"));
        SchemaValidation.AssertValidReport(json.Stdout);
        var edited = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("diagnostics").EnumerateArray()
            .SelectMany(d => d.GetProperty("fix").GetProperty("edits").EnumerateArray()).Select(e => e.GetProperty("file").GetString()).ToList();
        Assert.Equal(new[] { yaml, yaml }, edited);
        var sarif = Run("--format", "sarif", "--select", "MTA102,MTA103", dir.File("role"));
        SchemaValidation.AssertValidSarif(sarif.Stdout);
        var changed = JsonDocument.Parse(sarif.Stdout).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .SelectMany(r => r.GetProperty("fixes")[0].GetProperty("artifactChanges").EnumerateArray())
            .Select(c => c.GetProperty("artifactLocation").GetProperty("uri").GetString()!).ToList();
        Assert.Equal(2, changed.Count);
        Assert.All(changed, uri => Assert.EndsWith("role/defaults/main.yml", uri, StringComparison.Ordinal));

        var diff = Run("--diff", "--select", "MTA102,MTA103", dir.File("role"));
        Assert.Contains("-postfix_smtpd_banner: $myhostname ESMTP $mail_name (Debian/GNU)\n+postfix_smtpd_banner: $myhostname ESMTP\n", diff.Stdout, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllText(yaml));

        var fix = Run("--fix", "--select", "MTA102,MTA103", dir.File("role"));

        Assert.Equal(0, fix.ExitCode);
        Assert.Equal(templateText, File.ReadAllText(template));
        Assert.Equal(original.Replace("postfix_smtpd_banner: $myhostname ESMTP $mail_name (Debian/GNU)", "postfix_smtpd_banner: $myhostname ESMTP", StringComparison.Ordinal), File.ReadAllText(yaml));
        var after = Rendered(template, yaml);
        AssertOnlyDiffer(before, after, "smtpd_banner");
        Assert.Equal("$myhostname ESMTP", after["smtpd_banner"]);
        Assert.DoesNotContain("MTA10", Run("--select", "MTA102,MTA103", dir.File("role")).Stdout, StringComparison.Ordinal);

        // Idempotent: a second --fix writes nothing.
        var fixedBytes = File.ReadAllBytes(yaml);
        Assert.Equal(0, Run("--fix", "--select", "MTA102,MTA103", dir.File("role")).ExitCode);
        Assert.Equal(fixedBytes, File.ReadAllBytes(yaml));
    }

    [Theory]
    [InlineData("b: $myhostname ESMTP (Ubuntu)   # the banner\n", "b: $myhostname ESMTP   # the banner\n")]
    [InlineData("b: '$myhostname ESMTP (Ubuntu)'\r\nc: 1\r\n", "b: '$myhostname ESMTP'\r\nc: 1\r\n")]
    [InlineData("  # indented comment\nb:   \"$myhostname ESMTP (Ubuntu)\" # q\n", "  # indented comment\nb:   \"$myhostname ESMTP\" # q\n")]
    public void Each_quoting_style_keeps_its_quotes_comments_and_line_ends(string defaults, string expected)
    {
        using var dir = new TempDir();
        var yaml = dir.Write("role/defaults/main.yml", "---\n" + defaults);
        var template = dir.Write("role/templates/main.cf.j2", "smtpd_banner = {{ b }}\n" + Tls);
        var before = Rendered(template, yaml);

        var fix = Run("--fix", "--select", "MTA102", dir.File("role"));

        Assert.Equal(0, fix.ExitCode);
        Assert.Equal("---\n" + expected, File.ReadAllText(yaml));
        AssertOnlyDiffer(before, Rendered(template, yaml), "smtpd_banner");
        Assert.DoesNotContain("MTA102", Run("--select", "MTA102", dir.File("role")).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_the_role_uses_elsewhere_is_not_edited_and_the_note_names_the_other_use()
    {
        using var dir = new TempDir();
        const string Defaults = "b: $myhostname ESMTP (Ubuntu)\n";
        var yaml = dir.Write("role/defaults/main.yml", Defaults);
        dir.Write("role/templates/main.cf.j2", "smtpd_banner = {{ b }}\n" + Tls);
        var tasks = dir.Write("role/tasks/main.yml", "- name: say it\n  debug:\n    msg: \"{{ b }}\"\n");

        var fix = Run("--fix", "--select", "MTA102", dir.File("role"));

        Assert.Equal(1, fix.ExitCode);
        Assert.Contains($"= not fixed: `b` is also used in {tasks}:3; change it there", fix.Stdout, StringComparison.Ordinal);
        Assert.Equal(Defaults, File.ReadAllText(yaml));
    }

    [Fact]
    public void A_template_named_alone_leaves_its_role_defaults_unwritten_and_says_to_name_the_role()
    {
        using var dir = new TempDir();
        const string Defaults = "b: $myhostname ESMTP (Ubuntu)\n";
        var yaml = dir.Write("role/defaults/main.yml", Defaults);
        var template = dir.Write("role/templates/main.cf.j2", "smtpd_banner = {{ b }}\n" + Tls);

        var fix = Run("--fix", "--select", "MTA102", template);

        Assert.Equal(1, fix.ExitCode);
        Assert.Contains($"= not fixed: set by `b` in {yaml}:1 (the defaults file is not among the files mtalint may write: name the role's folder); change it there", fix.Stdout, StringComparison.Ordinal);
        Assert.Equal(Defaults, File.ReadAllText(yaml));
    }

    [Fact]
    public void A_defaults_file_that_is_a_symlink_out_of_the_tree_is_read_but_never_written()
    {
        using var outside = new TempDir();
        using var dir = new TempDir();
        const string Defaults = "b: $myhostname ESMTP (Ubuntu)\n";
        var victim = outside.Write("victim.yml", Defaults);
        Directory.CreateDirectory(dir.File("role/defaults"));
        File.CreateSymbolicLink(dir.File("role/defaults/main.yml"), victim);
        dir.Write("role/templates/main.cf.j2", "smtpd_banner = {{ b }}\n" + Tls);

        var fix = Run("--fix", "--select", "MTA102", dir.File("role"));

        Assert.Contains("MTA102", fix.Stdout, StringComparison.Ordinal);
        Assert.Contains("not among the files mtalint may write", fix.Stdout, StringComparison.Ordinal);
        Assert.Equal(Defaults, File.ReadAllText(victim));
        Assert.Single(Directory.GetFileSystemEntries(outside.Path));
    }

    [Fact]
    public void A_defaults_file_with_another_hard_link_is_refused_with_exit_2_and_both_names_keep_their_text()
    {
        using var dir = new TempDir();
        const string Defaults = "b: $myhostname ESMTP (Ubuntu)\n";
        var yaml = dir.Write("role/defaults/main.yml", Defaults);
        var other = dir.File("elsewhere.yml");
        Assert.Equal(0, Link(yaml, other));
        dir.Write("role/templates/main.cf.j2", "smtpd_banner = {{ b }}\n" + Tls);

        var fix = Run("--fix", "--select", "MTA102", dir.File("role"));

        Assert.Equal(2, fix.ExitCode);
        Assert.Contains($"mtalint: {yaml}: the file has 2 hard links", fix.Stderr, StringComparison.Ordinal);
        Assert.Equal(Defaults, File.ReadAllText(yaml));
        Assert.Equal(Defaults, File.ReadAllText(other));
    }

    [Fact]
    public void A_defaults_file_that_is_a_fifo_huge_or_not_utf8_is_never_written()
    {
        using var dir = new TempDir();
        var template = "smtpd_banner = {{ b }}\n" + Tls;
        dir.Write("fifo/templates/main.cf.j2", template);
        Directory.CreateDirectory(dir.File("fifo/defaults"));
        Assert.Equal(0, Mkfifo(dir.File("fifo/defaults/main.yml"), 0x1B6));
        dir.Write("huge/templates/main.cf.j2", template);
        var huge = "b: $myhostname ESMTP (Ubuntu)\n" + new string('#', 2 * 1024 * 1024) + "\n";
        var hugePath = dir.Write("huge/defaults/main.yml", huge);
        dir.Write("latin/templates/main.cf.j2", template);
        byte[] latin = [.. "b: $myhostname ESMTP (Ubuntu) caf"u8, 0xE9, (byte)'\n'];
        var latinPath = dir.WriteBytes("latin/defaults/main.yml", latin);

        var fix = Run("--fix", "--select", "MTA102", dir.File("fifo"), dir.File("huge"), dir.File("latin"));

        Assert.Equal(huge, File.ReadAllText(hugePath));
        Assert.Equal(latin, File.ReadAllBytes(latinPath));
        Assert.Contains("the defaults file is not UTF-8", fix.Stdout, StringComparison.Ordinal);
        Assert.Equal(new[] { dir.File("fifo/defaults/main.yml") }, Directory.GetFileSystemEntries(dir.File("fifo/defaults")));
        Assert.Equal(new[] { hugePath }, Directory.GetFileSystemEntries(dir.File("huge/defaults")));
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link(string oldPath, string newPath);

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int Mkfifo(string path, uint mode);
}
